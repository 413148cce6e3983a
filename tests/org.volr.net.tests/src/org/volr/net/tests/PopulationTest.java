package org.volr.net.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.Population;

/** The neurons' state and update as every model's plug-in gives them to the simulator. */
class PopulationTest {

	@Test
	void everyModelGivesNeuronsAtRestThatStep() {
		for (NeuronModel m : NeuronModels.all()) {
			Discretisation d = m.discretise(NeuronModels.values(m, Map.of()), 1.0);
			Population p = m.population(d, 3);
			assertNotNull(p, m.name());
			assertEquals(3, p.size());
			assertArrayEquals(new float[3], p.potential(), m.name());
			int[] spikes = new int[3];
			p.arrivals()[1] = 1e6f; // far above any threshold, whatever the model's synapse
			if (p.inhibitoryArrivals() != null)
				p.inhibitoryArrivals()[1] = 0f;
			int n = 0;
			for (int t = 0; t < 5 && n == 0; t++)
				n = p.step(new float[3], true, Firing.of(d, ResetMode.ZERO), spikes);
			if (m.spikes()) {
				assertEquals(1, n, m.name() + ": the neuron given the input fires, the others do not");
				assertEquals(1, spikes[0], m.name());
			} else {
				assertEquals(0, n, m.name() + " never fires");
				assertTrue(p.potential()[1] > 1e5f, m.name() + ": the input is in its membrane");
			}
			p.reset();
			assertArrayEquals(new float[3], p.potential(), m.name());
			assertArrayEquals(new float[3], p.arrivals(), m.name());
		}
	}

	@Test
	void firingClampsThenClipsThenTestsTheThreshold() {
		Firing f = new Firing(1f, ResetMode.SUBTRACT, 0f, 0, 0.5f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY).withClip(-3f, 0.2f);
		float[] v = new float[1];
		int[] spikes = new int[1];
		assertEquals(0, f.fire(v, 0, -5f, null, spikes, 0));
		assertEquals(0.2f, v[0], "−5 → v_min 0.5 → clip 0.2");
		assertEquals(1, f.withClip(-3f, 3f).fire(v, 0, 5f, null, spikes, 0));
		assertEquals(2f, v[0], "5 → clip 3 → fires, reset by subtraction");
		int[] refractory = new int[1];
		assertEquals(1, f.withThreshold(0.1f).withReset(ResetMode.ZERO).fire(v, 0, 0.15f, refractory, spikes, 0));
		assertEquals(0f, v[0]);
	}

	/**
	 * A model with state of its own is a Population subclass: here each neuron's threshold rises by 1 with every
	 * spike (the shape an adaptive neuron takes), using Firing's end of step with the neuron's own threshold.
	 */
	@Test
	void aPopulationCanKeepStateOfItsOwn() {
		class Rising extends Population {
			final float[] theta;

			Rising(int size) {
				super(size, 0);
				theta = new float[size];
				Arrays.fill(theta, 1f);
			}

			@Override
			public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
				int n = 0;
				for (int j = 0; j < potential.length; j++) {
					float vj = potential[j] + constant[j] + (spikesCame ? arrivals[j] : 0f);
					arrivals[j] = 0f;
					int before = n;
					n = firing.fire(potential, j, vj, theta[j], refractory, spikes, n);
					if (n > before)
						theta[j] += 1f;
				}
				return n;
			}
		}
		Rising p = new Rising(1);
		Firing f = new Firing(1f, ResetMode.ZERO, 0f, 0, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
		StringBuilder at = new StringBuilder();
		for (int t = 0; t < 10; t++)
			if (p.step(new float[] { 0.5f }, false, f, new int[1]) == 1)
				at.append(t).append(' ');
		assertEquals("1 5 ", at.toString(), "thresholds 1, 2, 3: the gaps grow");
	}
}
