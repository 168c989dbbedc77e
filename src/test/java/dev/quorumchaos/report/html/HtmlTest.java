package dev.quorumchaos.report.html;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void markupCharactersBecomeEntities() {
        assertThat(Html.text("<b a=\"1\" b='2'>&</b>")).isEqualTo("&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;");
    }

    @Test
    void controlCharactersThatWouldBreakInlineSvgAreReplaced() {
        assertThat(Html.text("a\u0000b\u001bc\nd")).isEqualTo("a\uFFFDb\uFFFDc\nd");
    }

    @Test
    void plainTextAndNullPassThrough() {
        assertThat(Html.text("kill leader (member 2)")).isEqualTo("kill leader (member 2)");
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void coordinatesKeepOneDecimal() {
        assertThat(Html.num(12.0)).isEqualTo("12");
        assertThat(Html.num(12.345)).isEqualTo("12.3");
        assertThat(Html.num(-0.46)).isEqualTo("-0.5");
        assertThat(Html.num(-1.5)).isEqualTo("-1.5");
    }
}
