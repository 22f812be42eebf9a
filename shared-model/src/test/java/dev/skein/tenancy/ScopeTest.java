package dev.skein.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ingest,query", "query,ingest", "ingest query", " ingest , query ", "INGEST,Query",
            "ingest,,query", ",ingest,query,", "ingest\tquery", "ingest,query,ingest"})
    void parse_readsBothScopes_whateverTheSeparatorsAndCase(String labels) {
        assertThat(Scope.parse(labels)).containsExactlyInAnyOrder(Scope.INGEST, Scope.QUERY);
    }

    @Test
    void parse_readsOneScope() {
        assertThat(Scope.parse("ingest")).containsExactly(Scope.INGEST);
        assertThat(Scope.parse(" query ")).containsExactly(Scope.QUERY);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"admin", "ingest,admin", "ingest;query", "ingest.query", "ingests"})
    void parse_refusesAnUnknownScope_namingItAndTheKnownOnes(String labels) {
        assertThatThrownBy(() -> Scope.parse(labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scope '")
                .hasMessageContaining("ingest and query");
    }

    @Test
    void parse_namesTheUnknownLabelAsWritten() {
        assertThatThrownBy(() -> Scope.parse("ingest,Admin")).hasMessageContaining("'Admin'");
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {" ", ",", " , ,"})
    void parse_refusesNoScopeAtAll(String labels) {
        assertThatThrownBy(() -> Scope.parse(labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one scope");
    }

    @Test
    void format_writesLabelsInAFixedOrder_thatParseReadsBack() {
        assertThat(Scope.format(Set.of(Scope.QUERY, Scope.INGEST))).isEqualTo("ingest query");
        assertThat(Scope.format(EnumSet.of(Scope.QUERY))).isEqualTo("query");
        assertThat(Scope.parse(Scope.format(EnumSet.allOf(Scope.class)))).isEqualTo(EnumSet.allOf(Scope.class));
    }

    @Test
    void format_ofNoScope_isEmpty_whateverTheSetsType() {
        assertThat(Scope.format(EnumSet.noneOf(Scope.class))).isEmpty();
        assertThat(Scope.format(Set.of())).isEmpty();
    }

    @Test
    void label_isTheLowerCaseName() {
        assertThat(Scope.INGEST.label()).isEqualTo("ingest");
        assertThat(Scope.QUERY.label()).isEqualTo("query");
    }
}
