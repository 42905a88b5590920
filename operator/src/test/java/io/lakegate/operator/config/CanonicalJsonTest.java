package io.lakegate.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void sortsKeysAtEveryLevelWhateverTheInsertionOrder() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("z", 1);
    a.put("a", Map.of("y", "é", "b", List.of(Map.of("d", 1, "c", 2))));
    Map<String, Object> b = new HashMap<>();
    b.put("a", new LinkedHashMap<>(Map.of("b", List.of(new LinkedHashMap<>(Map.of("c", 2, "d", 1))), "y", "é")));
    b.put("z", 1);

    assertThat(CanonicalJson.write(a)).isEqualTo("{\"a\":{\"b\":[{\"c\":2,\"d\":1}],\"y\":\"é\"},\"z\":1}")
        .isEqualTo(CanonicalJson.write(b));
  }

  @Test
  void hashesUtf8BytesAsLowerCaseHexSha256() {
    assertThat(CanonicalJson.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(CanonicalJson.sha256Hex("é")).isNotEqualTo(CanonicalJson.sha256Hex("e"));
  }
}
