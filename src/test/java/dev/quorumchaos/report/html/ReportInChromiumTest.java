package dev.quorumchaos.report.html;

import dev.quorumchaos.report.Json;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report as a person sees it, in a real browser: Debian's chromium renders the page and a
 * probe script, added to a copy of the page only, reads back from the laid-out document what is
 * on screen: the rendered text, where the failures sit, each timeline's size and lanes, the
 * colours. A screenshot is kept in {@code target/report-screenshots/} and its pixels checked.
 * Skips, saying why, where chromium is not installed; CI installs it with
 * {@value HeadlessChromium#INSTALL}.
 */
class ReportInChromiumTest {

    private static final Path SCREENSHOTS = Path.of("target/report-screenshots");
    private static final int WIDTH = 1400;
    /** A laptop's first screen: what is read before any scrolling. */
    private static final int FIRST_SCREEN = 1000;

    private static final String PROBE = """
            <script>(function () {
              const box = e => e ? e.getBoundingClientRect() : {top: -1, bottom: -1, width: 0, height: 0};
              const verdict = document.querySelector('header.run .verdict');
              const facts = {
                viewportHeight: window.innerHeight,
                verdict: verdict ? verdict.innerText : null,
                verdictBottom: box(verdict).bottom,
                bodyText: document.body.innerText,
                scripts: document.querySelectorAll('script').length,
                failedRows: [...document.querySelectorAll('table.failed-list tr.failed')]
                    .map(tr => ({text: tr.innerText, bottom: box(tr).bottom})),
                sections: [...document.querySelectorAll('section.scenario')].map(s => {
                  const svg = s.querySelector('svg.timeline');
                  const badge = s.querySelector('h2 .badge');
                  return {
                    name: s.querySelector('h2 .name').innerText,
                    badge: badge.innerText,
                    badgeColour: getComputedStyle(badge).backgroundColor,
                    timelineWidth: box(svg).width,
                    timelineHeight: box(svg).height,
                    lanes: svg ? [...svg.querySelectorAll('g.lane.member')].map(g => ({
                      member: Number(g.dataset.member),
                      drawn: [...g.querySelectorAll('rect')].filter(r => box(r).width > 0 && box(r).height > 8).length
                    })) : [],
                    outagesDrawn: svg ? [...svg.querySelectorAll('rect.q-no')].filter(r => box(r).width >= 2).length : 0,
                    outageColour: svg && svg.querySelector('rect.q-no') ? getComputedStyle(svg.querySelector('rect.q-no')).fill : null
                  };
                })
              };
              const pre = document.createElement('pre');
              pre.id = 'layout-probe';
              pre.textContent = JSON.stringify(facts);
              document.body.appendChild(pre);
            })();</script>
            """;

    @TempDir
    Path dir;

    private HeadlessChromium chromium;

    @BeforeEach
    void findChromium() {
        Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
        if (found.isEmpty()) {
            System.out.println("ReportInChromiumTest skipped: chromium is not installed; install it with: "
                    + HeadlessChromium.INSTALL);
        }
        assumeTrue(found.isPresent(), "chromium is not installed; install it with: " + HeadlessChromium.INSTALL);
        chromium = found.get();
    }

    @Test
    void aPersonSeesWhatFailedWhenAndForHowLongWithoutQuorum() throws Exception {
        Path reportDir = Files.createDirectories(dir.resolve("latest"));
        Files.copy(ResilienceReportTest.sample(), reportDir.resolve("results.json"));
        Path index = ResilienceReport.write(reportDir, dir.resolve("history.jsonl"));
        RunResults results = RunResults.read(reportDir.resolve("results.json"));
        List<ScenarioResult> failed = results.scenarios().stream().filter(ScenarioResult::failed).toList();

        Map<String, Object> facts = probe(index, FIRST_SCREEN);

        assertThat(((Number) facts.get("scripts")).intValue()).as("the report itself has no script").isEqualTo(1);
        assertThat((String) facts.get("verdict")).isEqualTo("RUN FAILED: 4 of 8 scenarios failed");
        assertThat(number(facts, "verdictBottom")).isLessThan(200);
        String text = (String) facts.get("bodyText");
        assertThat(text).contains("FAIL").contains("WHAT FAILED").contains("without quorum")
                .contains("1.11 s\nnot back by the end").contains("budget first exceeded, 13 ms after kill 2 follower(s) [0, 1]")
                .contains("HOW THE RESILIENCE SCORE IS COMPUTED");

        List<Map<String, Object>> rows = list(facts, "failedRows");
        assertThat(rows).hasSize(failed.size());
        for (int i = 0; i < failed.size(); i++) {
            assertThat((String) rows.get(i).get("text")).contains(failed.get(i).name()).contains("FAIL");
            assertThat(number(rows.get(i), "bottom")).as("failed row %d is on the first screen", i)
                    .isLessThanOrEqualTo(number(facts, "viewportHeight"));
        }

        List<Map<String, Object>> sections = list(facts, "sections");
        assertThat(sections).hasSize(results.scenarios().size());
        for (int i = 0; i < sections.size(); i++) {
            Map<String, Object> section = sections.get(i);
            ScenarioResult scenario = results.scenarios().stream().filter(s -> s.name().equals(section.get("name")))
                    .findFirst().orElseThrow();
            assertThat(section.get("badge")).isEqualTo(i < failed.size() ? "FAIL" : "PASS");
            if (scenario.failed()) {
                assertThat(section.get("badgeColour")).isEqualTo("rgb(217, 48, 37)");
            }
            assertThat(number(section, "timelineWidth")).isGreaterThan(1000);
            assertThat(number(section, "timelineHeight")).isGreaterThan(150);
            List<Map<String, Object>> lanes = list(section, "lanes");
            assertThat(lanes).extracting(l -> ((Number) l.get("member")).intValue())
                    .containsExactlyElementsOf(IntStream.range(0, scenario.members()).boxed().toList());
            assertThat(lanes).allSatisfy(l -> assertThat(((Number) l.get("drawn")).intValue())
                    .as("lane %s shows its roles", l.get("member")).isGreaterThanOrEqualTo(2));
            assertThat(((Number) section.get("outagesDrawn")).intValue()).as("outages of %s", scenario.name())
                    .isEqualTo(scenario.timeline().outages().size());
            if (!scenario.timeline().outages().isEmpty()) {
                assertThat(section.get("outageColour")).isEqualTo("rgb(217, 48, 37)");
            }
        }

        Path png = SCREENSHOTS.resolve("sample-report.png");
        chromium.screenshot(index, png, WIDTH, 2000);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(WIDTH);
        assertThat(pixels(shot, 0xd93025)).as("red of FAIL and of no quorum").isGreaterThan(2000);
        assertThat(pixels(shot, 0x1a56c4)).as("blue of a leader lane").isGreaterThan(2000);
        assertThat(pixels(shot, 0x3c4043)).as("charcoal of a down member").isGreaterThan(2000);
        System.out.println("screenshot of the sample report: " + png.toAbsolutePath());
    }

    @Test
    void aThirtyMinuteScenarioStillShowsEveryOutage() throws Exception {
        Path reportDir = Files.createDirectories(dir.resolve("soak"));
        Files.write(reportDir.resolve("results.json"), Json.MAPPER.writeValueAsBytes(SyntheticRun.results()));
        Path index = ResilienceReport.write(reportDir, dir.resolve("history.jsonl"));
        ScenarioResult scenario = RunResults.read(reportDir.resolve("results.json")).scenarios().get(0);

        Map<String, Object> section = list(probe(index, FIRST_SCREEN), "sections").get(0);

        assertThat(((Number) section.get("outagesDrawn")).intValue()).isEqualTo(scenario.timeline().outages().size());
        assertThat(list(section, "lanes")).hasSize(5);
        chromium.screenshot(index, SCREENSHOTS.resolve("thirty-minute-report.png"), WIDTH, 1400);
    }

    private Map<String, Object> probe(Path index, int height) throws Exception {
        Path probed = index.resolveSibling("probed.html");
        Files.writeString(probed, Files.readString(index).replace("</body>", PROBE + "</body>"));
        String dom = chromium.dumpDom(probed, WIDTH, height);
        Matcher m = Pattern.compile("<pre id=\"layout-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("the probe ran in chromium").isTrue();
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = Json.MAPPER.readValue(json, Map.class);
        return facts;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> facts, String key) {
        return (List<Map<String, Object>>) facts.get(key);
    }

    private static double number(Map<String, Object> facts, String key) {
        return ((Number) facts.get(key)).doubleValue();
    }

    /** Pixels within a small distance of the colour: antialiasing aside, filled shapes keep it exactly. */
    private static long pixels(BufferedImage img, int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - r) <= 6 && Math.abs((p >> 8 & 0xff) - g) <= 6 && Math.abs((p & 0xff) - b) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }
}
