package io.cascata.hdfs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API for tests: s3proxy on 127.0.0.1 (a free port) over a local directory, with
 * throwaway credentials made here, and the S3A settings that reach it (path-style access, no
 * TLS). Shared with other modules through the test jar.
 */
public final class S3Server implements AutoCloseable {

    public final String bucket = "cascata-test";
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secretKey = UUID.randomUUID().toString();
    private final String bufferDir;

    public S3Server(Path baseDir) throws Exception {
        Files.createDirectories(baseDir);
        // S3A's upload blocks go beside the blob store (a directory inside it would be a bucket), not to /tmp
        bufferDir = Files.createDirectories(baseDir.resolveSibling(baseDir.getFileName() + "-s3a-buffer")).toString();
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        context = ContextBuilder.newBuilder("filesystem").credentials("unused", "unused").overrides(properties)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, bucket);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** The endpoint S3 clients talk to. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A location in the test bucket. */
    public String uri(String path) {
        return "s3a://" + bucket + (path.startsWith("/") ? path : "/" + path);
    }

    /** The S3A settings for this server, as they would go into core-site.xml. */
    public java.util.Map<String, String> s3aSettings() {
        return java.util.Map.of(
                "fs.s3a.endpoint", endpoint(),
                "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.access.key", accessKey,
                "fs.s3a.secret.key", secretKey,
                "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "fs.s3a.attempts.maximum", "2",
                "fs.s3a.buffer.dir", bufferDir,
                "fs.s3a.retry.limit", "2");
    }

    /** A Hadoop configuration with the S3A settings. */
    public Configuration conf() {
        Configuration conf = new Configuration();
        s3aSettings().forEach(conf::set);
        return conf;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
