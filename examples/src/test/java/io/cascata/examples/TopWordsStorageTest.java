package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Format;
import io.cascata.examples.PipelineProcess.Result;
import io.cascata.hdfs.HadoopStorage;
import io.cascata.hdfs.MiniHdfs;
import io.cascata.hdfs.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TopWords with its input, stage outputs and report on other file systems, given only as full
 * URIs, as a new user writes them: HDFS with no --namenode and no HADOOP_CONF_DIR, and S3 (s3a://
 * against s3proxy) with the S3A settings in a core-site.xml. Both runners give the oracle's report.
 */
class TopWordsStorageTest {

    @TempDir
    Path dir;

    @Test
    void fullHdfsUrisNeedNoNamenodeOnEitherRunner() throws Exception {
        try (MiniHdfs hdfs = new MiniHdfs(dir.resolve("dfs"))) {
            String text = TopWordsOracle.sampleText();
            String input = hdfs.uri("/data/in.txt");
            FileTarget.of(HadoopStorage.of(hdfs.conf, input), input, Format.PLAIN).writeText(text);
            for (String runner : new String[] {"DirectRunner", "FlinkRunner"}) {
                String report = hdfs.uri("/out/" + runner + "/top.tsv");
                Result result = PipelineProcess.run(dir, Map.of("HADOOP_CONF_DIR", ""), "TopWords", "--input", input,
                        "--output", report, "--top", "6", "--runner=" + runner, "--workspace", hdfs.uri("/ws-" + runner));
                assertEquals(0, result.exitCode(), result.out() + result.err());
                assertEquals(TopWordsOracle.report(text, 6),
                        FileTarget.of(HadoopStorage.of(hdfs.conf, report), report, Format.PLAIN).readText(), runner);
            }
        }
    }

    @Test
    void s3aInputAndOutputGiveTheOracleReportOnEitherRunner() throws Exception {
        try (S3Server s3 = new S3Server(dir.resolve("blobs"))) {
            Path conf = Files.createDirectories(dir.resolve("hadoop-conf"));
            StringBuilder site = new StringBuilder("<configuration>\n");
            s3.s3aSettings().forEach((k, v) -> site.append("  <property><name>").append(k).append("</name><value>")
                    .append(v).append("</value></property>\n"));
            Files.writeString(conf.resolve("core-site.xml"), site.append("</configuration>\n"));
            String text = TopWordsOracle.sampleText();
            String input = s3.uri("/data/in.txt");
            FileTarget.of(HadoopStorage.of(s3.conf(), input), input, Format.PLAIN).writeText(text);
            for (String runner : new String[] {"DirectRunner", "FlinkRunner"}) {
                String report = s3.uri("/out/" + runner + "/top.tsv");
                Result result = PipelineProcess.run(dir, Map.of("HADOOP_CONF_DIR", conf.toString()), "TopWords",
                        "--input", input, "--output", report, "--top", "6", "--runner=" + runner,
                        "--workspace", s3.uri("/ws-" + runner));
                assertEquals(0, result.exitCode(), result.out() + result.err());
                assertTrue(result.out().contains("This progress looks :)"), result.out());
                assertEquals(TopWordsOracle.report(text, 6),
                        FileTarget.of(HadoopStorage.of(s3.conf(), report), report, Format.PLAIN).readText(), runner);
            }
        }
    }
}
