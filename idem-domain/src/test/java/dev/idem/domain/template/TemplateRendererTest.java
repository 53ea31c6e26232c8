package dev.idem.domain.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    @Test
    void should_fill_known_placeholders_and_leave_unknown_ones_as_written() {
        // when
        String filled = TemplateRenderer.fill("{{ expected }} / {{name}} / {{ unknown }}",
                Map.of("expected", "Idempotency", "name", "{{unknown}}"));

        // then
        assertThat(filled).isEqualTo("Idempotency / {{unknown}} / {{ unknown }}");
    }
}
