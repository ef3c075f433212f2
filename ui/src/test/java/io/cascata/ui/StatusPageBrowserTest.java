package io.cascata.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.cli.CascataCommand;
import io.cascata.ui.demo.Broken;
import io.cascata.ui.demo.Demo;
import io.cascata.ui.demo.FlinkStage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser: a run started with {@code --ui PORT} (the command line in
 * this JVM, with its hooks found as pipeline.jar finds them), watched while its slow tasks run and
 * after they end; then the history of that run served by the {@code ui} command in a process of
 * its own. The Flink job link comes from a test executor that notes it as the Beam adapter does.
 */
class StatusPageBrowserTest {

    private Path dir;

    @BeforeEach
    void fresh() throws IOException {
        dir = Files.createTempDirectory(Path.of("target"), "ui-browser-");
    }

    @Test
    void aRunsPageShowsLiveStatesErrorsFlinkLinksAndCounts_thenTheUiCommandServesItsHistory() throws Exception {
        Chromium.assumeInstalled();
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path workspace = dir.resolve("ws");
        int port = freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CascataCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                name -> null).execute("--ui", String.valueOf(port), "--workers", "3", "--no-lock", "--workspace",
                        workspace.toString(), Demo.class.getName(), "--gates", gates.toString()));
        ChromeDriver browser = Chromium.start(dir.resolve("profile"));
        try {
            waitForPage(port, run);
            browser.get("http://127.0.0.1:" + port + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class); // the page re-renders every second
            // Families first, with counts per state: the parts settle while the gated tasks run.
            wait.until(b -> text(b, "tr.family[data-family='Part'] .count-COMPLETED").equals(String.valueOf(Demo.PARTS)));
            assertEquals("2", text(browser, "tr.family[data-family='Gated'] .count-RUNNING"));
            assertEquals("1", text(browser, "tr.family[data-family='Broken'] .count-FAILED"));
            assertTrue(browser.findElement(By.id("run-header")).getText().contains("(running)"));
            assertTrue(browser.findElement(By.id("progress")).getText().contains("2 running"));
            // Drill down to a family's tasks, then to one task: the slow one is RUNNING.
            click(wait, By.cssSelector("tr.family[data-family='Gated']"));
            wait.until(b -> b.findElements(By.cssSelector("#tasks tr.task")).size() == 2);
            By first = By.xpath("//tr[contains(@class,'task')][td[contains(.,'name=first')]]");
            wait.until(b -> b.findElement(first).findElement(By.cssSelector(".state")).getText().equals("RUNNING"));
            click(wait, first);
            wait.until(b -> text(b, "#task-state").equals("RUNNING"));
            wait.until(b -> b.findElement(By.id("task-log")).getText().contains("none recorded")
                    || b.findElement(By.id("task-log")).getText().contains("waiting for gate"));
            Files.write(dir.resolve("ui.png"), browser.getScreenshotAs(OutputType.BYTES));
            // The first gate opens: the page shows the task done while the run goes on.
            Files.createFile(gates.resolve("first"));
            wait.until(b -> text(b, "#task-state").equals("COMPLETED"));
            wait.until(b -> text(b, "tr.family[data-family='Gated'] .count-RUNNING").equals("1"));
            assertEquals("1", text(browser, "tr.family[data-family='Gated'] .count-COMPLETED"));
            // A failed task's error.
            click(wait, By.cssSelector("tr.family[data-family='Broken']"));
            click(wait, taskRow("Broken"));
            wait.until(b -> text(b, "#task-state").equals("FAILED"));
            assertTrue(browser.findElement(By.id("task-error")).getText().contains(Broken.ERROR),
                    browser.findElement(By.id("task-error")).getText());
            // The Flink job link of a stage.
            click(wait, By.cssSelector("tr.family[data-family='FlinkStage']"));
            click(wait, taskRow("FlinkStage"));
            wait.until(b -> text(b, "#task-state").equals("COMPLETED"));
            WebElement link = browser.findElement(By.id("flink-link"));
            assertTrue(link.isDisplayed());
            assertEquals(FlinkStage.UI, link.getAttribute("href"));
            assertEquals(FlinkStage.JOB_ID, link.getText());
            // The second gate opens: the run ends, and its page with it.
            Files.createFile(gates.resolve("second"));
            int exit = run.get(60, TimeUnit.SECONDS);
            assertEquals(30, exit, err.toString(StandardCharsets.UTF_8));
            assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString()));

            // Afterwards, `ui` serves the history: the run, its families, the error and the link.
            int uiPort = freePort();
            Process ui = uiCommand(uiPort, workspace);
            try {
                waitForPage(uiPort, null);
                browser.get("http://127.0.0.1:" + uiPort + "/");
                wait.until(b -> b.findElements(By.cssSelector("#runs li.run")).size() == 1);
                wait.until(b -> text(b, "#verdict").contains("exit code 30"));
                assertEquals("2", text(browser, "tr.family[data-family='Gated'] .count-COMPLETED"));
                assertEquals("1", text(browser, "tr.family[data-family='Demo'] .count-PENDING"));
                click(wait, By.cssSelector("tr.family[data-family='Broken']"));
                click(wait, taskRow("Broken"));
                wait.until(b -> text(b, "#task-error").contains(Broken.ERROR));
                click(wait, By.cssSelector("tr.family[data-family='FlinkStage']"));
                click(wait, taskRow("FlinkStage"));
                wait.until(b -> FlinkStage.UI.equals(b.findElement(By.id("flink-link")).getAttribute("href")));
            } finally {
                ui.destroy(); // SIGTERM, as a service manager stops it
                boolean ended = ui.waitFor(20, TimeUnit.SECONDS);
                if (!ended) {
                    ui.destroyForcibly();
                }
                assertTrue(ended, "the ui command did not stop on SIGTERM");
                assertEquals(143, ui.exitValue());
            }
        } finally {
            browser.quit();
            // Whatever failed above, the run in this JVM ends.
            for (String gate : List.of("first", "second")) {
                if (!Files.exists(gates.resolve(gate))) {
                    Files.createFile(gates.resolve(gate));
                }
            }
            run.get(60, TimeUnit.SECONDS);
        }
    }

    /** Clicks what the selector finds, again if the page re-rendered it in between (it refreshes every second). */
    private static void click(WebDriverWait wait, By what) {
        wait.until(b -> {
            b.findElement(what).click();
            return true;
        });
    }

    /** The row of a task of a family in the tasks table. */
    private static By taskRow(String family) {
        return By.xpath("//table[@id='tasks']//tr[contains(@class,'task')][td[starts-with(.,'" + family + "(')]]");
    }

    private static String text(org.openqa.selenium.WebDriver b, String css) {
        try {
            List<WebElement> found = b.findElements(By.cssSelector(css));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    private Process uiCommand(int port, Path workspace) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, "io.cascata.core.cli.CascataMain", "ui",
                "--port", String.valueOf(port), "--workspace", workspace.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("ui.out").toFile())
                .start();
    }

    /** Waits until something answers on the port (the run, or the ui process, has started serving). */
    private static void waitForPage(int port, CompletableFuture<Integer> run) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (run != null && run.isDone()) {
                throw new AssertionError("the run ended before its page was served: exit " + run.get());
            }
            try {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return;
            } catch (ConnectException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing serves on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
