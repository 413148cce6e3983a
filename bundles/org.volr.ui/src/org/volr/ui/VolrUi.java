package org.volr.ui;

/** The identifiers this bundle declares in its plugin.xml, in one place for code and tests. */
public final class VolrUi {
	public static final String PLUGIN_ID = "org.volr.ui";
	public static final String NATURE_ID = PLUGIN_ID + ".volrNature";
	public static final String BUILDER_ID = PLUGIN_ID + ".volrBuilder";
	/** Problems of a .volr file as {@code volr check} reports them. */
	public static final String PROBLEM_MARKER = PLUGIN_ID + ".volrProblem";
	/** Targets that could not be generated from an experiment, on the experiment's file. */
	public static final String GENERATION_MARKER = PLUGIN_ID + ".generationProblem";
	public static final String LAUNCH_TYPE_ID = PLUGIN_ID + ".experiment";
	public static final String RESULTS_VIEW_ID = PLUGIN_ID + ".results";
	public static final String WELCOME_VIEW_ID = PLUGIN_ID + ".welcome";
	public static final String PERSPECTIVE_ID = PLUGIN_ID + ".perspective";
	public static final String RUN_COMMAND_ID = PLUGIN_ID + ".runExperiment";

	private VolrUi() {
	}
}
