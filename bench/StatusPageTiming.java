import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Times the status page in Debian's headless Chromium (driven by Debian's chromedriver, as the ui
 * module's browser test drives it), as a person uses it on a big run: from navigating to the page
 * until the family counts are shown, from clicking a family until its first page of tasks is
 * shown, and from clicking a task until its page (state, attempts, log) is shown. Each is timed
 * on a fresh server's first look (cold) and again after a reload (warm).
 *
 * <p>Usage: {@code java -cp SELENIUM_CLASSPATH bench/StatusPageTiming.java URL FAMILY TASKS COMPLETED}
 * where FAMILY is the family to open, TASKS how many tasks it has and COMPLETED the run's count
 * of completed tasks in it, which the page must show. Prints one line per figure, in milliseconds.
 * Run by bench/status-page.sh.
 */
public class StatusPageTiming {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String family = args[1];
        int tasks = Integer.parseInt(args[2]);
        String completed = args[3];
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("status-page-timing-");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
        try {
            for (String pass : List.of("cold", "warm")) {
                browser.get("about:blank");
                long t0 = System.nanoTime();
                browser.get(url);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(10));
                wait.ignoring(StaleElementReferenceException.class);
                String counts = "tr.family[data-family='" + family + "'] .count-COMPLETED";
                wait.until(b -> text(b, counts).equals(completed));
                long families = System.nanoTime();
                browser.findElement(By.cssSelector("tr.family[data-family='" + family + "']")).click();
                wait.until(b -> b.findElements(By.cssSelector("#tasks tr.task")).size() == Math.min(100, tasks)
                        && b.findElement(By.id("page")).getText().endsWith(" of " + tasks));
                long firstPage = System.nanoTime();
                String title = browser.findElement(By.cssSelector("#tasks tr.task td")).getText();
                browser.findElement(By.cssSelector("#tasks tr.task")).click();
                wait.until(b -> b.findElement(By.id("task-title")).getText().equals(title)
                        && !b.findElement(By.id("task-log")).getText().isEmpty()
                        && !b.findElements(By.cssSelector("#task-attempts-table tbody tr")).isEmpty());
                long taskPage = System.nanoTime();
                System.out.printf("%s families_shown_ms %d%n", pass, (families - t0) / 1_000_000);
                System.out.printf("%s family_first_page_ms %d%n", pass, (firstPage - families) / 1_000_000);
                System.out.printf("%s task_page_ms %d%n", pass, (taskPage - firstPage) / 1_000_000);
                // the next pass starts from the page's own address without the chosen family or task
                browser.get("about:blank");
            }
        } finally {
            browser.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String text(WebDriver browser, String css) {
        var found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }
}
