package org.radtox.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.server.dashboard.DashboardServer.eventually;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.radtox.server.extraction.ExtractionQueue;

/**
 * The dashboard as a quality-team member uses it, in Debian's chromium driven headless by Selenium: the
 * cohort view over the demo patients, a filter, a patient, a note with its evidence highlighted, the CSV
 * export, and the bad input the issue names (nonsense filter, unknown patient, empty database), each with a
 * screenshot in {@code target/screenshots/}. scripts/test installs chromium and chromium-driver when missing;
 * the driver is named explicitly so Selenium never downloads one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private DashboardServer server;
    private ChromeDriver browser;
    private Path downloads;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the dashboard's browser tests need Debian's chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver (scripts/test installs them)");
        }
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("radtox-downloads");
        server = DashboardServer.start(null);
        int notes = server.server.loadDemo();
        ExtractionQueue queue = server.server.context().getBean(ExtractionQueue.class);
        eventually(() -> queue.counts().get(ExtractionQueue.State.DONE) == notes, "the demo notes to be read");
        browser = browser(downloads);
    }

    static ChromeDriver browser(Path downloads) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                "--user-data-dir=" + Files.createTempDirectory("radtox-chromium"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Opens a view and waits for the page to say it is ready (charts drawn) or that it failed. */
    private String open(ChromeDriver driver, String base, String fragment) {
        driver.get(base + "/?load=" + System.nanoTime() + "#" + fragment);
        return awaitReady(driver);
    }

    private static String awaitReady(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> (String) ((JavascriptExecutor) d)
                .executeScript("return document.body.dataset.ready || null"));
    }

    /** Clicks, after forgetting the current view's readiness, and waits for the next view's. */
    private String clickAndAwait(WebElement element) {
        browser.executeScript("delete document.body.dataset.ready");
        element.click();
        return awaitReady(browser);
    }

    private void screenshot(ChromeDriver driver, String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String message() {
        return browser.findElement(By.id("message")).getText();
    }

    @Test
    void theCohortViewShowsChartsAndTheirNumbersWithDenominators() throws Exception {
        assertEquals("cohort", open(browser, server.base, "/cohort"));
        JsonNode overview = server.json("/api/dashboard/overview");
        String totals = browser.findElement(By.id("totals")).getText();
        assertTrue(totals.startsWith(overview.at("/totals/findings").asInt() + " findings"), totals);
        assertTrue(totals.contains("of " + overview.at("/totals/patients").asInt() + " patients"), totals);
        for (String chart : List.of("chart-incidence", "chart-max-grade", "chart-grades")) {
            assertFalse(browser.findElements(By.cssSelector("#" + chart + " svg path")).isEmpty(), chart + " is drawn");
        }
        assertEquals(12, browser.findElements(By.cssSelector("#symptom-table tbody tr")).size());
        screenshot(browser, "01-cohort");
    }

    @Test
    void filteringBySymptomNarrowsTheCohort() throws Exception {
        open(browser, server.base, "/cohort");
        new Select(browser.findElement(By.id("filter-symptom"))).selectByVisibleText("Nocturia");
        assertEquals("cohort", clickAndAwait(browser.findElement(By.id("apply"))));
        assertTrue(browser.getCurrentUrl().contains("symptom=nocturia"), browser.getCurrentUrl());
        List<WebElement> rows = browser.findElements(By.cssSelector("#symptom-table tbody tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().startsWith("Nocturia"));
        long expected = server.json("/api/dashboard/overview?symptom=nocturia").at("/totals/findings").asLong();
        assertTrue(browser.findElement(By.id("totals")).getText().startsWith(expected + " findings"));
        screenshot(browser, "02-cohort-filtered");
    }

    @Test
    void aPatientsNoteOpensWithTheEvidenceQuoteHighlightedInPlace() throws Exception {
        open(browser, server.base, "/cohort?symptom=nocturia&grade=2");
        WebElement patient = browser.findElement(By.cssSelector("#findings-table .patient-link"));
        String patientId = patient.getText();
        assertEquals("patient", clickAndAwait(patient));
        assertEquals("Patient " + patientId, browser.findElement(By.tagName("h2")).getText());
        assertFalse(browser.findElements(By.cssSelector("#chart-patient svg path")).isEmpty(), "the patient's timeline is drawn");
        screenshot(browser, "03-patient");
        WebElement note = browser.findElement(By.cssSelector("#findings-table .note-link"));
        assertEquals("note", clickAndAwait(note));
        String observation = URI.create(browser.getCurrentUrl()).getFragment().replaceAll(".*finding=", "");
        String noteRoute = URI.create(browser.getCurrentUrl()).getFragment().replaceAll("\\?.*", "").replace("/note/", "");
        JsonNode finding = null;
        for (JsonNode f : server.json("/api/dashboard/notes/" + noteRoute).get("findings")) {
            if (f.get("observationId").asText().equals(observation)) {
                finding = f;
            }
        }
        assertTrue(finding != null, "the note's findings include " + observation);
        WebElement mark = browser.findElement(By.id("evidence-selected"));
        assertEquals("mark", mark.getTagName());
        assertEquals(finding.get("quote").asText(), mark.getText());
        assertTrue(browser.findElement(By.id("note-text")).getText().contains(mark.getText()));
        screenshot(browser, "04-note-evidence");
    }

    @Test
    void theCsvExportDownloadsTheFilteredFindings() throws Exception {
        open(browser, server.base, "/cohort?symptom=hematuria");
        browser.findElement(By.id("export-csv")).click();
        Path file = downloads.resolve("radtox-findings.csv");
        eventually(() -> Files.exists(file) && !Files.exists(downloads.resolve("radtox-findings.csv.crdownload")), "the download");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file)).getRecords();
        assertEquals(server.json("/api/dashboard/overview?symptom=hematuria").at("/totals/findings").asInt(), rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get("symptom").equals("hematuria")));
        assertTrue(rows.stream().anyMatch(r -> r.get("status").equals("absent")), "explicit absent findings are exported too");
    }

    @Test
    void theModelViewListsStudentVersionsAndFeedback() throws Exception {
        assertEquals("models", open(browser, server.base, "/models"));
        String versions = browser.findElement(By.id("versions-table")).getText();
        assertTrue(versions.contains(server.json("/api/dashboard/filters").at("/studentVersions/0").asText()), versions);
        assertTrue(browser.findElement(By.id("feedback-table")).isDisplayed());
        screenshot(browser, "05-models");
    }

    @Test
    void aNonsenseFilterIsExplainedOnThePage() throws Exception {
        assertEquals("error", open(browser, server.base, "/cohort?grade=banana"));
        assertTrue(message().contains("grade 'banana' is not a CTCAE grade"), message());
        assertTrue(browser.findElement(By.id("filters")).isDisplayed(), "the filters stay usable to correct it");
        screenshot(browser, "06-bad-filter");
    }

    @Test
    void anUnknownPatientIsExplainedOnThePage() throws Exception {
        assertEquals("error", open(browser, server.base, "/patient/nobody-here"));
        assertTrue(message().contains("no findings for patient 'nobody-here'"), message());
        screenshot(browser, "07-unknown-patient");
    }

    @Test
    void anEmptyDatabaseSaysThereAreNoFindingsYet() throws Exception {
        try (DashboardServer empty = DashboardServer.start(null)) {
            assertEquals("cohort", open(browser, empty.base, "/cohort"));
            assertTrue(message().startsWith("No findings yet"), message());
            assertTrue(browser.findElement(By.id("empty")).isDisplayed());
            screenshot(browser, "08-empty-database");
        }
    }
}
