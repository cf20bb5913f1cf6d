package org.radtox.server.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's measuring half of scripts/bench-dashboard (not a test: it asserts nothing and runs only
 * when the script names a running server in {@code RADTOX_BENCH_DASHBOARD}). Measures, against that server:
 * the aggregate API's latency over repeated requests (p50 / p95 per endpoint, one request at a time), and
 * the cohort view's time from navigation to the page's ready marker (charts drawn) in headless chromium.
 */
@EnabledIfEnvironmentVariable(named = "RADTOX_BENCH_DASHBOARD", matches = "http://.+")
class DashboardBenchmark {

    private static final int REQUESTS = Integer.parseInt(System.getenv().getOrDefault("BENCH_REQUESTS", "100"));
    private static final int PAGE_LOADS = Integer.parseInt(System.getenv().getOrDefault("BENCH_PAGE_LOADS", "20"));

    @Test
    void measure() throws Exception {
        String base = System.getenv("RADTOX_BENCH_DASHBOARD");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> endpoints = List.of("filters", "overview", "timeline", "findings?limit=100",
                "overview?symptom=nocturia&grade=1,2&from=2030-03-01&to=2031-06-30", "timeline?technique=IMRT&by=week",
                "models");
        List<Long> all = new ArrayList<>();
        for (String endpoint : endpoints) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < REQUESTS + 10; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dashboard/" + endpoint)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - t0) / 1000;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(endpoint + " answered " + r.statusCode() + ": " + r.body());
                }
                if (i >= 10) { // the first ten warm the server's code paths and the database's caches
                    times.add(micros);
                }
            }
            all.addAll(times);
            System.out.printf("api %-70s p50 %6.1f ms  p95 %6.1f ms  (%d requests)%n", endpoint, pct(times, 50), pct(times, 95), times.size());
        }
        System.out.printf("api ALL ENDPOINTS p50 %.1f ms  p95 %.1f ms  (%d requests)%n", pct(all, 50), pct(all, 95), all.size());

        ChromeDriver browser = DashboardBrowserTest.browser(Files.createTempDirectory("radtox-bench-downloads"));
        try {
            List<Long> ready = new ArrayList<>();
            for (int i = 0; i < PAGE_LOADS + 3; i++) {
                browser.get(base + "/?load=" + i + "#/cohort");
                String view = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> (String) ((JavascriptExecutor) d)
                        .executeScript("return document.body.dataset.ready || null"));
                if (!view.equals("cohort")) {
                    throw new IllegalStateException("the cohort view did not load: " + view);
                }
                long ms = Long.parseLong((String) browser.executeScript("return document.body.dataset.readyMs"));
                if (i >= 3) {
                    ready.add(ms * 1000);
                }
            }
            System.out.printf("cohort view ready (navigation start to charts drawn) p50 %.0f ms  p95 %.0f ms  max %.0f ms  (%d page loads)%n",
                    pct(ready, 50), pct(ready, 95), pct(ready, 100), ready.size());
        } finally {
            browser.quit();
        }
    }

    /** The percentile in milliseconds of times in microseconds (nearest rank). */
    private static double pct(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(p / 100.0 * sorted.size()));
        return sorted.get(rank - 1) / 1000.0;
    }
}
