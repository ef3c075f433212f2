package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.examples.PipelineProcess.Result;
import io.cascata.examples.pagedemo.Chatty;
import io.cascata.ui.Chromium;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page of a pipeline process started with {@code --ui PORT}, in headless Chromium:
 * a running task's own log lines, as pipeline.jar's logging routes them into the run history,
 * are shown in the task's log view, and lines of other threads are not.
 */
class StatusPageProcessTest {

    @TempDir
    Path dir;

    @Test
    void aRunningTasksOwnLogLinesAreShownInItsLogView() throws Exception {
        Chromium.assumeInstalled();
        Path gates = Files.createDirectories(dir.resolve("gates"));
        int port = freePort();
        try (RunningPipeline run = RunningPipeline.start(dir, "--ui", String.valueOf(port), "--no-lock",
                Chatty.class.getName(), "--gates", gates.toString())) {
            waitForPage(port, run);
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.ignoring(StaleElementReferenceException.class); // the page re-renders every second
                wait.until(b -> text(b, "tr.family[data-family='Chatty'] .count-RUNNING").equals("1"));
                browser.findElement(By.cssSelector("tr.family[data-family='Chatty']")).click();
                wait.until(b -> !b.findElements(By.cssSelector("#tasks tr.task")).isEmpty());
                browser.findElement(By.cssSelector("#tasks tr.task")).click();
                wait.until(b -> text(b, "#task-log").contains("chatty warns about the weather"));
                String log = text(browser, "#task-log");
                assertTrue(log.contains("INFO  [cascata-worker-1] Chatty - chatty says hello"), log);
                assertTrue(log.contains("WARN  [cascata-worker-1] Chatty - chatty warns about the weather"), log);
                // only the task's own thread's lines while it ran: not the driver's, nor the page's
                assertFalse(log.contains("status page:"), log);
                assertEquals(2, log.lines().count(), log);
                assertEquals("RUNNING", text(browser, "#task-state"));

                Files.writeString(gates.resolve("open"), "");
                // the page lasts as long as the run: the last line may or may not be seen before it ends
            } finally {
                browser.quit();
            }
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end after its gate opened");
            assertEquals(0, run.exitCode(), run.err());
        }
        // what the page showed is what the history keeps: the task's own file has all three lines
        Result task = PipelineProcess.run(dir, "history", lastRun(), "--task", new Chatty(gates.toString()).id().value());
        assertEquals(0, task.exitCode(), task.err());
        assertTrue(task.out().contains("Chatty - chatty passed the gate"), task.out());
    }

    private String lastRun() throws IOException, InterruptedException {
        Result list = PipelineProcess.run(dir, "history");
        assertEquals(0, list.exitCode(), list.err());
        String row = list.out().lines().skip(1).findFirst().orElseThrow();
        return row.substring(0, row.indexOf(' '));
    }

    private static String text(WebDriver browser, String css) {
        var found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the process serves its page; fails at once if it ended first. */
    private static void waitForPage(int port, RunningPipeline run) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (run.waitFor(0, TimeUnit.SECONDS)) {
                throw new AssertionError("the run ended before serving its page: " + run.err());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/runs")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no page on port " + port + " after 60 s: " + run.err());
    }
}
