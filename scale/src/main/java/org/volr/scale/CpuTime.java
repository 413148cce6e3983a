package org.volr.scale;

import java.lang.management.ManagementFactory;

/** CPU time in nanoseconds, of the calling thread and of the whole JVM (0 where the JVM cannot measure it). */
final class CpuTime {
	private CpuTime() {
	}

	static long thread() {
		var bean = ManagementFactory.getThreadMXBean();
		return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
	}

	static long jvm() {
		return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? Math.max(0, os.getProcessCpuTime())
				: 0;
	}
}
