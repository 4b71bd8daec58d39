package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the binary rules declare to the engine and to their codecs: spike order only (the engine may then deliver a
 * layer's input at its last step), the stabiliser flag, the saved sample counter.
 */
class RuleDeclarationsTest {
    @Test
    void binaryAndRewardModulatedStdpDependOnSpikeOrderOnly() {
        assertThat(BinaryStdp.mozafari(2).usesSpikeOrderOnly()).isTrue();
        assertThat(RewardModulatedStdp.mozafari(2).usesSpikeOrderOnly()).isTrue();
        // time-difference rules do not
        assertThat(new ExponentialStdp(ExponentialStdp.Parameters.diehlCook2015()).usesSpikeOrderOnly()).isFalse();
    }

    @Test
    void rewardModulatedStdpReportsItsStabiliser() {
        StdpRates r = new StdpRates(0.004f, -0.003f);
        StdpRates p = new StdpRates(-0.004f, 0.0005f);
        assertThat(new RewardModulatedStdp(1, r, p, WeightBounds.unit(), true).stabiliser()).isTrue();
        assertThat(new RewardModulatedStdp(1, r, p, WeightBounds.unit(), false).stabiliser()).isFalse();
    }

    @Test
    void binaryStdpRestoresItsSampleCounterFromZeroUp() {
        BinaryStdp rule = BinaryStdp.mozafari(1);
        rule.restoreSamples(0);
        assertThat(rule.samples()).isZero();
        rule.restoreSamples(12_345L);
        assertThat(rule.samples()).isEqualTo(12_345L);
        assertThatThrownBy(() -> rule.restoreSamples(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples must be >= 0, got -1");
        assertThat(rule.samples()).isEqualTo(12_345L);
    }
}
