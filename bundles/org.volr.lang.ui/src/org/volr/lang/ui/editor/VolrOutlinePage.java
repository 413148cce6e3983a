package org.volr.lang.ui.editor;

import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.volr.lang.ide.services.OutlineNode;

/** The Outline view for a .volr editor: experiments, networks with their types, and layers; a click selects the text. */
public final class VolrOutlinePage extends ContentOutlinePage {
	private final VolrEditor editor;
	private List<OutlineNode> roots = List.of();

	VolrOutlinePage(VolrEditor editor) {
		this.editor = editor;
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer viewer = getTreeViewer();
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return roots.toArray();
			}

			@Override
			public Object[] getChildren(Object parent) {
				return ((OutlineNode) parent).children().toArray();
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return !((OutlineNode) element).children().isEmpty();
			}
		});
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				return ((OutlineNode) element).label();
			}
		});
		viewer.addSelectionChangedListener(event -> {
			if (event.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof OutlineNode node)
				editor.selectAndReveal(node.offset(), node.length());
		});
		viewer.setInput(this);
		viewer.expandToLevel(2);
	}

	/** Shows new outline nodes; called on the UI thread after each reconcile. */
	void update(List<OutlineNode> nodes) {
		roots = nodes;
		TreeViewer viewer = getTreeViewer();
		if (viewer == null || viewer.getControl().isDisposed())
			return;
		viewer.getControl().setRedraw(false);
		try {
			viewer.refresh();
			// nodes are rebuilt on every parse, so the tree opens to the same depth instead of keeping node identity
			viewer.expandToLevel(2);
		} finally {
			viewer.getControl().setRedraw(true);
		}
	}

	/** The nodes shown (for tests). */
	public List<OutlineNode> roots() {
		return roots;
	}
}
