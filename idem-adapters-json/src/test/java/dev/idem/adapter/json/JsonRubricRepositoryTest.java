package dev.idem.adapter.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.domain.evaluation.Rubric;
import dev.idem.domain.evaluation.RubricItem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonRubricRepositoryTest {

    @Test
    void should_load_every_rubric_item_with_case_insensitive_multiline_patterns() throws IOException {
        // given
        JsonNode raw = readResource();

        // when
        Rubric rubric = new JsonRubricRepository().load();

        // then
        assertThat(rubric.items()).hasSize(raw.path("rubric").size()).hasSize(34);
        RubricItem first = rubric.items().get(0);
        assertThat(first.id()).isEqualTo("KEY-1");
        assertThat(first.area()).isEqualTo("KEY");
        assertThat(first.critical()).isTrue();
        assertThat(first.check()).isEqualTo(RubricItem.KEYWORD);
        assertThat(first.requirement()).startsWith("Client-generated high-entropy key");
        assertThat(first.regex().pattern()).isEqualTo(raw.path("rubric").get(0).path("regex").asText());
        assertThat(rubric.items()).allSatisfy(item ->
                assertThat(item.regex().flags()).isEqualTo(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
    }

    @Test
    void should_mark_exactly_the_critical_ids_as_critical() throws IOException {
        // given
        List<String> criticalIds = new ArrayList<>();
        readResource().path("criticalIds").forEach(n -> criticalIds.add(n.asText()));

        // when
        Rubric rubric = new JsonRubricRepository().load();

        // then
        assertThat(rubric.items()).filteredOn(RubricItem::critical).extracting(RubricItem::id)
                .containsExactlyInAnyOrderElementsOf(criticalIds);
    }

    @Test
    void should_match_keywords_regardless_of_case() {
        // when
        Rubric rubric = new JsonRubricRepository().load();

        // then
        RubricItem key1 = rubric.items().get(0);
        assertThat(key1.coveredBy("Clients send a UUIDv4 per logical operation")).isTrue();
        assertThat(key1.coveredBy("nothing relevant")).isFalse();
    }

    @Test
    void should_return_the_same_rubric_on_every_load() {
        // given
        JsonRubricRepository repository = new JsonRubricRepository();

        // when
        Rubric first = repository.load();
        Rubric second = repository.load();

        // then
        assertThat(second).isSameAs(first);
    }

    private static JsonNode readResource() throws IOException {
        try (InputStream in = JsonRubricRepositoryTest.class.getClassLoader()
                .getResourceAsStream(JsonRubricRepository.RESOURCE)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
