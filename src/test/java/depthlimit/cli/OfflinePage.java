package depthlimit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks shared by the report tests: a page written into DIR must open from disk with nothing fetched. */
final class OfflinePage {
    private OfflinePage() {}

    /** Every value of an HTML attribute in the page, entities decoded. */
    static List<String> attributes(String html, String name) {
        List<String> v = new ArrayList<>();
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(html);
        while (m.find()) v.add(m.group(1).replace("&amp;", "&"));
        return v;
    }

    /**
     * Asserts that every src/href is a local file inside {@code dir} that exists or an anchor of the page, that no
     * scheme URL, script or CSS fetch appears; returns the number of file references.
     */
    static int assertOffline(String html, Path dir) {
        List<String> refs = new ArrayList<>(attributes(html, "src"));
        refs.addAll(attributes(html, "href"));
        int files = 0;
        for (String r : refs) {
            assertFalse(r.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || r.startsWith("//"), "external or scheme URL: " + r);
            assertFalse(r.startsWith("/") || r.contains(".."), "not inside DIR: " + r);
            if (r.startsWith("#")) {
                assertTrue(html.contains("id=\"" + r.substring(1) + "\""), "dangling anchor " + r);
                continue;
            }
            assertTrue(Files.isRegularFile(dir.resolve(r)), "missing file " + r);
            files++;
        }
        String lower = html.toLowerCase();
        assertFalse(lower.contains("<script"), "no script");
        assertFalse(lower.contains("@import") || lower.contains("url("), "no CSS fetch");
        return files;
    }
}
