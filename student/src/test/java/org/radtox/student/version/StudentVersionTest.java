package org.radtox.student.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StudentVersionTest {

    @Test
    void the_same_parts_in_any_order_give_the_same_id() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("model", "zephyr:7b-beta");
        ab.put("prompt", "sha256:aa");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("prompt", "sha256:aa");
        ba.put("model", "zephyr:7b-beta");
        String id = StudentVersion.contentAddressed("ollama", ab).id();
        assertEquals(id, StudentVersion.contentAddressed("ollama", ba).id());
        assertTrue(id.matches("ollama@[0-9a-f]{12}"), id);
    }

    @Test
    void a_changed_part_gives_a_new_id() {
        StudentVersion a = StudentVersion.contentAddressed("embedded", Map.of("lexicon", "1"));
        StudentVersion b = StudentVersion.contentAddressed("embedded", Map.of("lexicon", "2"));
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.digest(), b.digest());
    }

    @Test
    void an_id_must_name_its_kind() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StudentVersion.named("ollama@x", "embedded", Map.of())).getMessage().contains("must start with 'embedded@'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StudentVersion.named("X@1", "X", Map.of())).getMessage().contains("lower-case"));
    }
}
