package dev.skein.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void parseStat_addsUserAndSystemTicks_andKeepsACommandWithSpacesAndParentheses() {
        String line = "4242 (node (kinesis) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 566 7 8 20 0 11 0"
                + " 2324813 3133440 360 18446744073709551615";

        ProcessCpu.Usage u = ProcessCpu.parseStat(line);

        assertThat(u.command()).isEqualTo("node (kinesis) x");
        assertThat(u.seconds()).isEqualTo(18.0);
    }

    @Test
    void parseStat_whenNotAStatLine_throws() {
        assertThatThrownBy(() -> ProcessCpu.parseStat("nothing here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void between_subtractsPerPid_andCountsANewProcessFromZero() {
        Map<Long, ProcessCpu.Usage> before = Map.of(1L, new ProcessCpu.Usage("java", 10));
        Map<Long, ProcessCpu.Usage> after = Map.of(1L, new ProcessCpu.Usage("java", 14.5),
                2L, new ProcessCpu.Usage("node", 3));

        assertThat(ProcessCpu.between(before, after)).containsEntry(1L, new ProcessCpu.Usage("java", 4.5))
                .containsEntry(2L, new ProcessCpu.Usage("node", 3));
    }

    @Test
    void parseMachineStat_addsTheBusyColumns_notIdleOrIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(ProcessCpu.parseMachineStat("cpu  100 20 30 9000 500 4 6 40 0 0")).isEqualTo(2.0);
    }

    @Test
    void tree_readsThisProcess() {
        assertThat(ProcessCpu.tree(ProcessHandle.current())).containsKey(ProcessHandle.current().pid());
    }
}
