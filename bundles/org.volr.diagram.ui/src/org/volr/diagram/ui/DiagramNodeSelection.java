package org.volr.diagram.ui;

import java.util.List;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/**
 * The node selected in the diagram, as the workbench sees it: its id, where it is written in the file, and its
 * parameters for the Properties view (shown there read-only; the page's own panel edits them).
 */
public record DiagramNodeSelection(String id, int offset, int length, List<String> names, List<String> values)
		implements IPropertySource {

	@Override
	public Object getEditableValue() {
		return this;
	}

	@Override
	public IPropertyDescriptor[] getPropertyDescriptors() {
		IPropertyDescriptor[] descriptors = new IPropertyDescriptor[names.size()];
		for (int i = 0; i < names.size(); i++) {
			PropertyDescriptor d = new PropertyDescriptor(names.get(i), names.get(i));
			d.setCategory(i == 0 ? "node" : "parameters");
			descriptors[i] = d;
		}
		return descriptors;
	}

	@Override
	public Object getPropertyValue(Object id) {
		int i = names.indexOf(id);
		return i < 0 ? null : values.get(i);
	}

	@Override
	public boolean isPropertySet(Object id) {
		return false;
	}

	@Override
	public void resetPropertyValue(Object id) {
	}

	@Override
	public void setPropertyValue(Object id, Object value) {
	}
}
