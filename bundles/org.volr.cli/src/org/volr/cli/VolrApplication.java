package org.volr.cli;

import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/** The Equinox entry point of the {@code volr} command; all the work is in {@link VolrCli}. */
public class VolrApplication implements IApplication {
	@Override
	public Object start(IApplicationContext context) {
		System.setProperty("java.awt.headless", "true"); // plots are drawn without a display
		// nd4j and SameDiff log every op they add at INFO; a user wants results and real warnings only
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("slf4j.internal.verbosity", "ERROR"); // no "no providers found" banner: silence is what we want
		quietLogging();
		String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		int code = new VolrCli(System.out, System.err).run(args == null ? new String[0] : args);
		System.out.flush();
		System.err.flush();
		return Integer.valueOf(code);
	}

	/** Xtext logs through log4j; on the command line only real errors should reach the terminal. */
	private static void quietLogging() {
		Logger root = Logger.getRootLogger();
		if (!root.getAllAppenders().hasMoreElements())
			root.addAppender(new ConsoleAppender(new PatternLayout("volr: %p %c: %m%n"), ConsoleAppender.SYSTEM_ERR));
		root.setLevel(Level.ERROR);
	}

	@Override
	public void stop() {
		// commands are short-lived and not interruptible from outside
	}
}
