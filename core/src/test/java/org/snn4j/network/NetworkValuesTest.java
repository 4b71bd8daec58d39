package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

/** The engine's value types: stop conditions' rules, presentations' defaults and copies, descriptions' keys. */
class NetworkValuesTest {

    @Test
    void stopConditionsCheckLayerAndCountPerKind() {
        assertThat(StopCondition.atStep(0).count()).isZero();
        assertThat(StopCondition.atStep(7)).isEqualTo(new StopCondition(StopCondition.Kind.AT_STEP, null, 7));
        assertThat(StopCondition.firstSpike("c")).isEqualTo(new StopCondition(StopCondition.Kind.SPIKES, "c", 1));
        assertThat(StopCondition.afterSpikes("c", 4).count()).isEqualTo(4);
        assertThat(StopCondition.winnersSettled("c").layer()).isEqualTo("c");
        assertThat(StopCondition.atEnd().kind()).isEqualTo(StopCondition.Kind.AT_END);
        assertThat(StopCondition.auto().kind()).isEqualTo(StopCondition.Kind.AUTO);
        assertThatThrownBy(() -> StopCondition.atStep(-1)).hasMessage("count must be >= 0 for AT_STEP, got -1");
        assertThatThrownBy(() -> StopCondition.afterSpikes("c", 0)).hasMessage("count must be >= 1 for SPIKES, got 0");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.AT_END, null, 1))
                .hasMessage("count must be 0 for AT_END, got 1");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.AUTO, null, -1))
                .hasMessage("count must be 0 for AUTO, got -1");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.WINNERS_SETTLED, "c", 2))
                .hasMessage("count must be 0 for WINNERS_SETTLED, got 2");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.SPIKES, null, 1))
                .hasMessage("stop condition SPIKES needs a layer name, got null");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.WINNERS_SETTLED, null, 0))
                .hasMessage("stop condition WINNERS_SETTLED needs a layer name, got null");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.AT_STEP, "c", 1))
                .hasMessage("stop condition AT_STEP watches no layer, got c");
        assertThatThrownBy(() -> new StopCondition(StopCondition.Kind.AT_END, "c", 0))
                .hasMessage("stop condition AT_END watches no layer, got c");
        assertThatThrownBy(() -> StopCondition.afterSpikes(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void presentationsCopyEveryFieldAndPickTheirDefaultStop() {
        Presentation t = Presentation.training();
        assertThat(t.learning()).isTrue();
        assertThat(t.effectiveStop()).isEqualTo(StopCondition.auto());
        assertThat(Presentation.inference().learning()).isFalse();
        assertThat(Presentation.inference().effectiveStop()).isEqualTo(StopCondition.atEnd());
        Presentation p = t.from("a").upTo("c").learnOnly("b", "c").withoutCompetition("a")
                .stopWhen(StopCondition.atStep(5));
        assertThat(p.from()).isEqualTo("a");
        assertThat(p.upTo()).isEqualTo("c");
        assertThat(p.learning()).isTrue();
        assertThat(p.learners()).isEqualTo(Set.of("b", "c"));
        assertThat(p.withoutCompetition()).isEqualTo(Set.of("a"));
        assertThat(p.stop()).isEqualTo(StopCondition.atStep(5));
        assertThat(p.effectiveStop()).isEqualTo(StopCondition.atStep(5));
        // each copy keeps the others' fields
        Presentation q = p.stopWhen(StopCondition.firstSpike("c")).from("b");
        assertThat(q.upTo()).isEqualTo("c");
        assertThat(q.learners()).isEqualTo(Set.of("b", "c"));
        assertThat(q.withoutCompetition()).isEqualTo(Set.of("a"));
        assertThat(q.stop()).isEqualTo(StopCondition.firstSpike("c"));
        assertThat(p.upTo("d").from()).isEqualTo("a");
        assertThat(p.learnOnly("x").stop()).isEqualTo(StopCondition.atStep(5));
        assertThat(p.withoutCompetition("y").learners()).isEqualTo(Set.of("b", "c"));
        assertThat(Presentation.inference().from("a").learners()).isNull();
        assertThatThrownBy(() -> Presentation.inference().learnOnly("a"))
                .hasMessage("learners [a] given with learning off");
        assertThatThrownBy(() -> t.from(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> t.stopWhen(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void descriptionsWriteEveryKey() {
        LayerDescription l0 = new LayerDescription(0, "a", "DenseLayer", Shape.flat(3), new Shape(2, 1, 2), "L0",
                "Lif", "none", "stdp");
        LayerDescription l1 = new LayerDescription(1, "b", "PoolingLayer", new Shape(2, 1, 2), Shape.flat(1), "L1",
                "-", "wta", "-");
        NetworkDescription d = new NetworkDescription("9.9", Shape.flat(3), 0.25f, OptionalLong.of(-5), List.of(l0, l1));
        Properties p = d.toProperties();
        assertThat(p.getProperty("snn4j.version")).isEqualTo("9.9");
        assertThat(p.getProperty("network.inputShape")).isEqualTo("1x1x3");
        assertThat(p.getProperty("network.dtMs")).isEqualTo("0.25");
        assertThat(p.getProperty("network.seed")).isEqualTo("-5");
        assertThat(p.getProperty("network.layers")).isEqualTo("2");
        assertThat(p.getProperty("layer.1.name")).isEqualTo("b");
        assertThat(p.getProperty("layer.1.type")).isEqualTo("PoolingLayer");
        assertThat(p.getProperty("layer.0.inputShape")).isEqualTo("1x1x3");
        assertThat(p.getProperty("layer.0.outputShape")).isEqualTo("2x1x2");
        assertThat(p.getProperty("layer.0.layer")).isEqualTo("L0");
        assertThat(p.getProperty("layer.0.neuronModel")).isEqualTo("Lif");
        assertThat(p.getProperty("layer.1.competition")).isEqualTo("wta");
        assertThat(p.getProperty("layer.0.learningRule")).isEqualTo("stdp");
        assertThat(p).hasSize(5 + 2 * 8);
        Properties noSeed = new NetworkDescription("1", Shape.flat(3), 1f, OptionalLong.empty(), List.of())
                .toProperties();
        assertThat(noSeed.getProperty("network.seed")).isNull();
        assertThat(noSeed.getProperty("network.layers")).isEqualTo("0");
        assertThatThrownBy(() -> new LayerDescription(0, "a", "t", Shape.flat(1), Shape.flat(1), "l", "n", null, "r"))
                .isInstanceOf(NullPointerException.class).hasMessage("competition");
    }
}
