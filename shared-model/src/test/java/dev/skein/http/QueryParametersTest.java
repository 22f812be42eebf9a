package dev.skein.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParametersTest {
    @Test
    void repeatedKeys_keepEveryValueInOrder_evenValuesWithCommas() {
        QueryParameters p = QueryParameters.parse("tag=a%3D1&tag=b%3D2%2C3&x=%E2%9C%93+ok&empty=&flag");

        assertThat(p.all("tag")).containsExactly("a=1", "b=2,3");
        assertThat(p.get("x")).isEqualTo("✓ ok");
        assertThat(p.get("empty")).isNull();
        assertThat(p.get("flag")).isNull();
        assertThat(p.get("absent")).isNull();
        assertThat(p.all("absent")).isEmpty();
        assertThat(p.names()).containsExactly("tag", "x", "empty", "flag");
    }

    @Test
    void get_ofARepeatedKey_namesIt() {
        assertThatThrownBy(() -> QueryParameters.parse("limit=1&limit=2").get("limit"))
                .isInstanceOf(BadParameterException.class)
                .hasMessage("limit is given 2 times; give it once")
                .extracting(e -> ((BadParameterException) e).parameter()).isEqualTo("limit");
    }

    @Test
    void brokenEscapesAndInvalidUtf8_areRefusedNamingTheParameter() {
        assertThatThrownBy(() -> QueryParameters.parse("service=%4"))
                .isInstanceOf(BadParameterException.class).hasMessageContaining("service");
        assertThatThrownBy(() -> QueryParameters.parse("service=%zz"))
                .isInstanceOf(BadParameterException.class).hasMessageContaining("service");
        assertThatThrownBy(() -> QueryParameters.parse("service=%C3%28"))
                .isInstanceOf(BadParameterException.class).hasMessage("service is not valid UTF-8 once decoded");
    }

    @Test
    void numbers_areCheckedForFormAndRange() {
        QueryParameters p = QueryParameters.parse("limit=20&bad=x&big=5000");

        assertThat(p.longValue("limit", 10, 1, 1000)).isEqualTo(20);
        assertThat(p.longValue("absent", 10, 1, 1000)).isEqualTo(10);
        assertThatThrownBy(() -> p.longValue("bad", 1))
                .isInstanceOf(BadParameterException.class).hasMessage("bad must be a whole number, got 'x'");
        assertThatThrownBy(() -> p.longValue("big", 10, 1, 1000))
                .isInstanceOf(BadParameterException.class).hasMessage("big must be between 1 and 1000, got 5000");
        assertThatThrownBy(() -> p.required("service"))
                .isInstanceOf(BadParameterException.class).hasMessage("service is required");
    }

    @Test
    void pathSegments_keepThePlusSign() {
        assertThat(QueryParameters.decodePathSegment("a+b%20c%2Fd", "the service name")).isEqualTo("a+b c/d");
    }
}
