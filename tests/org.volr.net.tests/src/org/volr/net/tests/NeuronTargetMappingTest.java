package org.volr.net.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.NirNode;
import org.volr.net.neuron.ParameterSpec;
import org.volr.net.neuron.PynnCell;
import org.volr.net.neuron.TargetMapping;
import org.volr.net.neuron.JumpPopulation;
import org.volr.net.neuron.Population;

/** Each neuron model decides how every target writes it; a model without a mapping is refused by name. */
class NeuronTargetMappingTest {
	private static final double DT = 1.0;

	/** A model added later that implements no target mapping. */
	private static final NeuronModel IZHIKEVICH = new NeuronModel() {
		@Override
		public String name() {
			return "Izhikevich";
		}

		@Override
		public Map<String, ParameterSpec> parameters() {
			return Map.of();
		}

		@Override
		public Discretisation discretise(Map<String, Double> values, double dtMillis) {
			return new Discretisation(1f, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f, 0f, 1f, 1f, null);
		}

		@Override
		public Population population(Discretisation d, int size) {
			return new JumpPopulation(d, size);
		}
	};

	@Test
	void aModelWithoutMappingsIsRefusedByEveryTargetByName() {
		Discretisation d = IZHIKEVICH.discretise(Map.of(), DT);
		assertEquals(new TargetMapping.Refused<>("Izhikevich neurons have no NIR mapping"), IZHIKEVICH.nir(Map.of(), d, DT));
		assertEquals(new TargetMapping.Refused<>("Izhikevich neurons have no PyNN mapping"), IZHIKEVICH.pynn(Map.of(), d, DT));
		assertEquals(new TargetMapping.Refused<>("Izhikevich neurons have no Brian2 mapping"), IZHIKEVICH.brian2(Map.of(), d, DT));
		assertEquals(new TargetMapping.Refused<>("Izhikevich neurons have no Lava mapping"), IZHIKEVICH.lava(Map.of(), d, DT));
	}

	@Test
	void nirReadsTheTimeConstantsAsWrittenInSeconds() {
		NeuronModel cuba = NeuronModels.of("CubaLIF");
		Map<String, Double> v = NeuronModels.values(cuba, Map.of("tau_m", 20.0, "tau_syn_E", 5.0, "tau_syn_I", 5.0, "v_rest", 0.1));
		NirNode node = ((TargetMapping.Mapped<NirNode>) cuba.nir(v, cuba.discretise(v, DT), DT)).value();
		assertEquals(new NirNode("CubaLIF", 1f, 0.02f, 0.02f, 0.1f, 0.005f, 0f), node);
		NeuronModel lif = NeuronModels.of("LIF");
		Map<String, Double> l = NeuronModels.values(lif, Map.of("tau_m", 12.5));
		assertEquals(0.0125f, ((TargetMapping.Mapped<NirNode>) lif.nir(l, lif.discretise(l, DT), DT)).value().tau());
		NeuronModel coba = NeuronModels.of("CobaLIF");
		Map<String, Double> c = NeuronModels.values(coba, Map.of());
		assertInstanceOf(TargetMapping.Refused.class, coba.nir(c, coba.discretise(c, DT), DT));
	}

	@Test
	void pynnCellsFollowTheModel() {
		NeuronModel ifModel = NeuronModels.of("IF");
		Map<String, Double> v = NeuronModels.values(ifModel, Map.of());
		PynnCell cell = ((TargetMapping.Mapped<PynnCell>) ifModel.pynn(v, ifModel.discretise(v, DT), DT)).value();
		assertEquals("IF_curr_exp", cell.cellType());
		assertEquals(1e9, cell.tauM(), "no leak");
		assertEquals(null, cell.tauSyn(), "delta synapses");
		NeuronModel coba = NeuronModels.of("CobaLIF");
		Map<String, Double> c = NeuronModels.values(coba, Map.of());
		Discretisation d = coba.discretise(c, DT);
		PynnCell cond = ((TargetMapping.Mapped<PynnCell>) coba.pynn(c, d, DT)).value();
		assertEquals("IF_cond_exp", cond.cellType());
		assertEquals(d.conductance(), cond.conductance());
		// the τ whose exact exponential is Volr's float propagator, so PyNN steps as Volr does
		assertEquals((float) Math.exp(-DT / cond.tauSyn()), d.synapseDecay());
	}
}
