package org.volr.lang.ui.editor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.ILog;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.source.DefaultCharacterPairMatcher;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.texteditor.ChainedPreferenceStore;
import org.eclipse.ui.texteditor.ContentAssistAction;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.SourceViewerDecorationSupport;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.volr.lang.ui.internal.VolrUiPlugin;
import org.volr.lang.ui.services.Definitions;
import org.volr.lang.ide.services.OutlineNode;
import org.volr.lang.ide.services.ParsedText;
import org.volr.lang.ui.services.VolrServices;

/**
 * The .volr editor: a JFace text editor over the Xtext IDE services of org.volr.lang.ide (Xtext's own Eclipse editor
 * is not on Maven Central). Highlighting, content assist, checking as you type, hover, outline, go to definition,
 * quick fixes, formatting, bracket matching and comment toggling.
 */
public class VolrEditor extends TextEditor {
	public static final String ID = "org.volr.lang.ui.editor";
	/** Key binding context of the editor: Ctrl+Shift+F, Ctrl+/ and F3 mean Volr's commands only here. */
	public static final String CONTEXT = "org.volr.lang.ui.editorContext";
	public static final String FORMAT_COMMAND = "org.volr.lang.ui.format";
	public static final String TOGGLE_COMMENT_COMMAND = "org.volr.lang.ui.toggleComment";
	public static final String OPEN_DECLARATION_COMMAND = "org.volr.lang.ui.openDeclaration";
	/** Preference keys of the bracket highlighting. */
	static final String MATCHING_BRACKETS = "org.volr.lang.ui.matchingBrackets";
	static final String MATCHING_BRACKETS_COLOR = "org.volr.lang.ui.matchingBracketsColor";

	private final List<Consumer<ParsedText>> reconcileListeners = new CopyOnWriteArrayList<>();
	private volatile ParsedText lastChecked;
	private VolrOutlinePage outline;

	public VolrEditor() {
		IPreferenceStore own = VolrUiPlugin.getDefault().getPreferenceStore();
		own.setDefault(MATCHING_BRACKETS, true);
		own.setDefault(MATCHING_BRACKETS_COLOR, "128,128,128");
		IPreferenceStore store = new ChainedPreferenceStore(new IPreferenceStore[] { own, EditorsUI.getPreferenceStore() });
		setPreferenceStore(store);
		setSourceViewerConfiguration(new VolrSourceViewerConfiguration(this, store));
	}

	@Override
	protected void initializeKeyBindingScopes() {
		setKeyBindingScopes(new String[] { CONTEXT });
	}

	@Override
	protected void configureSourceViewerDecorationSupport(SourceViewerDecorationSupport support) {
		support.setCharacterPairMatcher(new DefaultCharacterPairMatcher(new char[] { '(', ')', '[', ']', '{', '}' }));
		support.setMatchingCharacterPainterPreferenceKeys(MATCHING_BRACKETS, MATCHING_BRACKETS_COLOR);
		super.configureSourceViewerDecorationSupport(support);
	}

	@Override
	protected void createActions() {
		super.createActions();
		IAction contentAssist = new ContentAssistAction(new Messages(),
				"ContentAssistProposal.", this);
		contentAssist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
		setAction("ContentAssistProposal", contentAssist);
		setAction("Format", command(FORMAT_COMMAND, "Format", this::format));
		setAction("ToggleComment", command(TOGGLE_COMMENT_COMMAND, "Toggle Comment", this::toggleComment));
		setAction("OpenDeclaration", command(OPEN_DECLARATION_COMMAND, "Open Declaration", this::openDeclaration));
	}

	private static IAction command(String id, String label, Runnable run) {
		IAction action = new Action(label) {
			@Override
			public void run() {
				run.run();
			}
		};
		action.setActionDefinitionId(id);
		return action;
	}

	public VolrServices services() {
		return VolrUiPlugin.getDefault().services();
	}

	/** The file's location as a URI, so that the checks find files the .volr names relative to itself. */
	public URI uri() {
		IEditorInput input = getEditorInput();
		IFile file = input == null ? null : input.getAdapter(IFile.class);
		IPath location = file == null ? null : file.getLocation();
		if (location != null)
			return URI.createFileURI(location.toOSString());
		return URI.createURI(input == null ? "editor.volr" : input.getName());
	}

	/** The annotation model that holds the issues found while typing (the document provider's). */
	IAnnotationModel annotationModel() {
		IEditorInput input = getEditorInput();
		return input == null || getDocumentProvider() == null ? null : getDocumentProvider().getAnnotationModel(input);
	}

	public IDocument document() {
		return getDocumentProvider().getDocument(getEditorInput());
	}

	/** For tests and the screenshot: the viewer (getSourceViewer() is protected). */
	public ISourceViewer viewer() {
		return getSourceViewer();
	}

	/** The text as last checked in the background, with its issues; null before the first check. */
	public ParsedText lastChecked() {
		return lastChecked;
	}

	/** Called with each checked text, on the reconciler's thread. */
	public void addReconcileListener(Consumer<ParsedText> listener) {
		reconcileListeners.add(listener);
	}

	public void removeReconcileListener(Consumer<ParsedText> listener) {
		reconcileListeners.remove(listener);
	}

	void reconciled(ParsedText checked) {
		lastChecked = checked;
		reconcileListeners.forEach(l -> l.accept(checked));
		Display display = Display.getDefault();
		if (outline != null && !display.isDisposed()) {
			List<OutlineNode> nodes = OutlineNode.of(checked);
			display.asyncExec(() -> {
				if (outline != null)
					outline.update(nodes);
			});
		}
	}

	/** Ctrl+Shift+F: the layout {@code volr format} writes. Returns false when syntax errors leave the text alone. */
	public boolean format() {
		IDocument document = document();
		String text = document.get();
		String formatted = services().format(uri(), text);
		if (formatted == null) {
			getEditorSite().getActionBars().getStatusLineManager().setErrorMessage("Not formatted: the text has syntax errors");
			return false;
		}
		if (!formatted.equals(text)) {
			int caret = viewer().getSelectedRange().x;
			try {
				document.replace(0, document.getLength(), formatted);
			} catch (BadLocationException e) {
				return false; // whole-document range: cannot happen
			}
			viewer().setSelectedRange(Math.min(caret, formatted.length()), 0);
		}
		return true;
	}

	/** Ctrl+/ on the selected lines. */
	public void toggleComment() {
		ITextSelection selection = (ITextSelection) getSelectionProvider().getSelection();
		int last = selection.getEndLine();
		// a selection that ends at the start of a line does not include that line, as in other editors
		try {
			if (selection.getLength() > 0 && last > selection.getStartLine()
					&& document().getLineOffset(last) == selection.getOffset() + selection.getLength())
				last--;
			CommentToggle.toggle(document(), selection.getStartLine(), last);
		} catch (BadLocationException e) {
			// selection outside the document: nothing to toggle
		}
	}

	/** F3: jumps from a referenced name to its declaration. Returns false when the cursor is on no reference. */
	public boolean openDeclaration() {
		int offset = viewer().getSelectedRange().x;
		Definitions.Link link = Definitions.at(services().parse(uri(), document().get()), offset);
		if (link == null)
			return false;
		selectAndReveal(link.target().offset(), link.target().length());
		return true;
	}

	@Override
	protected void editorSaved() {
		super.editorSaved();
		IFile file = getEditorInput() == null ? null : getEditorInput().getAdapter(IFile.class);
		if (file == null || !file.exists())
			return;
		try {
			ProblemMarkers.update(file, services().check(uri(), document().get(), null));
			IAnnotationModel model = annotationModel();
			if (model != null)
				VolrReconcilingStrategy.hideSavedProblems(model);
		} catch (CoreException e) {
			ILog.of(getClass()).log(e.getStatus());
		}
	}

	@Override
	public <T> T getAdapter(Class<T> type) {
		if (type == IContentOutlinePage.class) {
			if (outline == null) {
				outline = new VolrOutlinePage(this);
				ParsedText checked = lastChecked;
				if (checked != null)
					outline.update(OutlineNode.of(checked));
			}
			return type.cast(outline);
		}
		return super.getAdapter(type);
	}

	/** The outline page, once the Outline view asked for it (for tests). */
	public VolrOutlinePage outlinePage() {
		return outline;
	}

	@Override
	public void dispose() {
		outline = null;
		super.dispose();
	}
}
