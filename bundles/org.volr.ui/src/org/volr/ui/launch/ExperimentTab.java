package org.volr.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Path;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ResourceListSelectionDialog;

/** File, experiment, and the two overrides of {@code volr run}: --steps and --limit (0: the experiment's own). */
final class ExperimentTab extends AbstractLaunchConfigurationTab {
	private Text file;
	private Text experiment;
	private Text steps;
	private Text limit;

	@Override
	public void createControl(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);
		file = field(c, "&File:");
		Button browse = new Button(c, SWT.PUSH);
		browse.setText("&Browse...");
		browse.addListener(SWT.Selection, e -> browse());
		experiment = field(c, "&Experiment (empty: the file's only one):");
		new Label(c, SWT.NONE);
		steps = field(c, "&Steps (0: the experiment's duration):");
		new Label(c, SWT.NONE);
		limit = field(c, "Test &samples (0: all):");
		new Label(c, SWT.NONE);
		setControl(c);
	}

	private Text field(Composite c, String label) {
		new Label(c, SWT.NONE).setText(label);
		Text t = new Text(c, SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
		t.addModifyListener(e -> updateLaunchConfigurationDialog());
		return t;
	}

	private void browse() {
		ResourceListSelectionDialog dialog = new ResourceListSelectionDialog(getShell(), ResourcesPlugin.getWorkspace().getRoot(), IResource.FILE);
		dialog.setTitle("Choose a .volr file");
		if (dialog.open() == ResourceListSelectionDialog.OK && dialog.getResult().length > 0 && dialog.getResult()[0] instanceof IFile f)
			file.setText(f.getFullPath().toString());
	}

	@Override
	public void setDefaults(ILaunchConfigurationWorkingCopy config) {
		ExperimentLaunch.setDefaults(config, null);
	}

	@Override
	public void initializeFrom(ILaunchConfiguration config) {
		try {
			file.setText(config.getAttribute(ExperimentLaunch.FILE, ""));
			experiment.setText(config.getAttribute(ExperimentLaunch.EXPERIMENT, ""));
			steps.setText(Integer.toString(config.getAttribute(ExperimentLaunch.STEPS, 0)));
			limit.setText(Integer.toString(config.getAttribute(ExperimentLaunch.LIMIT, 0)));
		} catch (CoreException e) {
			setErrorMessage(e.getMessage());
		}
	}

	@Override
	public void performApply(ILaunchConfigurationWorkingCopy config) {
		config.setAttribute(ExperimentLaunch.FILE, file.getText().trim());
		config.setAttribute(ExperimentLaunch.EXPERIMENT, experiment.getText().trim());
		config.setAttribute(ExperimentLaunch.STEPS, count(steps.getText()));
		config.setAttribute(ExperimentLaunch.LIMIT, count(limit.getText()));
	}

	@Override
	public boolean isValid(ILaunchConfiguration config) {
		setErrorMessage(null);
		IResource r = file.getText().isBlank() ? null : ResourcesPlugin.getWorkspace().getRoot().findMember(new Path(file.getText().trim()));
		if (!(r instanceof IFile) || !"volr".equals(r.getFileExtension())) {
			setErrorMessage("choose a .volr file of the workspace");
			return false;
		}
		if (count(steps.getText()) < 0 || count(limit.getText()) < 0) {
			setErrorMessage("steps and samples are whole numbers, 0 or more");
			return false;
		}
		return true;
	}

	/** The number typed, or -1 when it is not a whole number of 0 or more. */
	private static int count(String text) {
		try {
			int n = Integer.parseInt(text.trim());
			return n >= 0 ? n : -1;
		} catch (NumberFormatException e) {
			return -1;
		}
	}

	@Override
	public String getName() {
		return "Experiment";
	}
}
