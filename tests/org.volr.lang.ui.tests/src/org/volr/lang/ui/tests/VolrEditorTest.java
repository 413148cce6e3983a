package org.volr.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.jface.bindings.keys.KeySequence;
import org.eclipse.ui.keys.IBindingService;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.volr.lang.ui.editor.IssueAnnotation;
import org.volr.lang.ui.editor.ProblemMarkers;
import org.volr.lang.ui.editor.VolrContentAssistProcessor;
import org.volr.lang.ui.editor.VolrEditor;
import org.volr.lang.ui.editor.VolrQuickAssistProcessor;
import org.volr.lang.ui.editor.VolrTextHover;
import org.volr.lang.ide.services.OutlineNode;

/** The .volr editor in a running workbench, on a copy of examples/xor/xor.volr. */
class VolrEditorTest {
	@AfterEach
	void closeEditors() {
		Workbench.page().closeAllEditors(false);
	}

	private static List<String> proposals(VolrEditor editor, int offset) {
		ICompletionProposal[] proposals = new VolrContentAssistProcessor(editor).computeCompletionProposals(editor.viewer(), offset);
		return Arrays.stream(proposals).map(p -> Workbench.label(p.getDisplayString())).toList();
	}

	@Test
	void proposalsCarryAnIconOfTheirKindAndADescription() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("icons.volr"));
		int afterSeq = editor.document().get().indexOf("⦶ ") + 2;
		ICompletionProposal[] proposals = new VolrContentAssistProcessor(editor).computeCompletionProposals(editor.viewer(), afterSeq);
		assertTrue(proposals.length > 5);
		for (ICompletionProposal p : proposals)
			assertTrue(p.getImage() != null, "an icon on " + p.getDisplayString());
		ICompletionProposal dense = Arrays.stream(proposals).filter(p -> Workbench.label(p.getDisplayString()).equals("dense")).findFirst().orElseThrow();
		assertEquals("dense  \u2014  layer: dense [inputs] units [activation]", dense.getDisplayString());
		assertEquals(org.volr.lang.ui.internal.VolrUiPlugin.image("icons/proposal-layer.png"), dense.getImage());
		String text = editor.document().get();
		int afterNetwork = text.indexOf("network xor", text.indexOf("experiment")) + "network ".length();
		ICompletionProposal xor = Arrays.stream(new VolrContentAssistProcessor(editor).computeCompletionProposals(editor.viewer(), afterNetwork))
				.filter(p -> Workbench.label(p.getDisplayString()).equals("xor")).findFirst().orElseThrow();
		assertEquals(org.volr.lang.ui.internal.VolrUiPlugin.image("icons/proposal-network.png"), xor.getImage());
	}

	@Test
	void completionOffersLayerKindsKeywordsAndNetworkNames() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("complete.volr"));
		String text = editor.document().get();

		// after ⦶ comes a layer: the layer kinds
		int afterSeq = text.indexOf("⦶ ") + 2;
		List<String> layers = proposals(editor, afterSeq);
		assertTrue(layers.containsAll(List.of("dense", "conv2d", "maxpool", "flatten")), "proposals: " + layers);
		assertTrue(layers.contains("xor"), "networks in scope are proposed as references: " + layers);

		// an experiment's network is a reference: the declared network's name
		int afterNetwork = text.indexOf("network xor", text.indexOf("experiment")) + "network ".length();
		List<String> names = proposals(editor, afterNetwork);
		assertTrue(names.contains("xor"), "proposals: " + names);

		// parameters of the IF neuron come from the grammar's keywords inside the simulate block
		int inSimulate = text.indexOf("duration 50 steps");
		List<String> options = proposals(editor, inSimulate);
		assertTrue(options.containsAll(List.of("duration", "dt", "input", "batch", "delay")), "proposals: " + options);

		// the real popup, as Ctrl+Space opens it
		List<String> popup = Workbench.completionPopup(editor, afterSeq);
		assertTrue(popup.contains("dense"), "popup: " + popup);
	}

	@Test
	void sizeErrorIsMarkedWhileTypingAndOnSaveAndQuickFixRepairsIt() throws Exception {
		IFile file = Workbench.copyXor("size-error.volr");
		VolrEditor editor = Workbench.open(file);
		Workbench.waitForCheck(editor);
		assertTrue(issueAnnotations(editor).isEmpty(), "the example has no problems: " + issueAnnotations(editor));

		IDocument document = editor.document();
		int at = document.get().indexOf("dense 4 2 linear") + "dense ".length();
		document.replace(at, 1, "3"); // dense 3 2: the layer before outputs 4
		Workbench.waitForCheck(editor);
		List<IssueAnnotation> annotations = issueAnnotations(editor);
		assertEquals(1, annotations.size(), "annotations: " + annotations);
		IssueAnnotation error = annotations.get(0);
		assertEquals(IssueAnnotation.ERROR, error.getType());
		assertTrue(error.getText().startsWith("Incompatible network sizes: output 4 should be equal to input 3"), error.getText());
		assertEquals(at, positionOf(editor, error));

		editor.doSave(null);
		IMarker[] markers = file.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
		assertEquals(1, markers.length);
		assertEquals(IMarker.SEVERITY_ERROR, markers[0].getAttribute(IMarker.SEVERITY, -1));
		assertEquals(5, markers[0].getAttribute(IMarker.LINE_NUMBER, -1));
		assertTrue(markers[0].getAttribute(IMarker.MESSAGE, "").contains("input 3"));
		// the editor draws the live issue only: the saved problem's marker annotation is hidden
		var model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
		List<MarkerAnnotation> saved = new ArrayList<>();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();)
			if (it.next() instanceof MarkerAnnotation m && m.getMarker().equals(markers[0]))
				saved.add(m);
		assertEquals(1, saved.size(), "the marker is in the editor's annotation model");
		assertTrue(saved.get(0).isMarkedDeleted(), "and hidden behind the live issue");

		ICompletionProposal[] fixes = new VolrQuickAssistProcessor(editor).computeQuickAssistProposals(context(editor.viewer(), at));
		List<String> labels = Arrays.stream(fixes).map(ICompletionProposal::getDisplayString).toList();
		assertEquals(List.of("Change the input size to 4", "Remove the input size (inferred from what flows in)"), labels);
		fixes[0].apply(document);
		assertTrue(document.get().contains("network xor = dense 2 4 ⦶ dense 4 2 linear\n"), document.get());
		Workbench.waitForCheck(editor);
		assertTrue(issueAnnotations(editor).isEmpty(), "after the fix: " + issueAnnotations(editor));
		editor.doSave(null);
		assertEquals(0, file.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO).length);
	}

	@Test
	void problemsViewQuickFixRepairsTheSavedFile() throws Exception {
		IFile file = Workbench.copyXor("marker-fix.volr");
		VolrEditor editor = Workbench.open(file);
		IDocument document = editor.document();
		document.replace(document.get().indexOf("dense 4 2 linear") + "dense ".length(), 1, "3");
		editor.doSave(null);
		Workbench.page().closeAllEditors(false);
		IMarker[] markers = file.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
		assertEquals(1, markers.length);
		assertTrue(IDE.getMarkerHelpRegistry().hasResolutions(markers[0]));
		IMarkerResolution[] resolutions = IDE.getMarkerHelpRegistry().getResolutions(markers[0]);
		assertEquals(List.of("Change the input size to 4", "Remove the input size (inferred from what flows in)"),
				Arrays.stream(resolutions).map(IMarkerResolution::getLabel).toList());
		resolutions[1].run(markers[0]);
		String fixed = new String(file.getContents().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(fixed.contains("network xor = dense 2 4 ⦶ dense 2 linear\n"), fixed);
		assertFalse(markers[0].exists(), "the fixed problem's marker is gone");
	}

	@Test
	void unknownNameIsFixedToTheSimilarNetwork() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("unknown-name.volr"));
		IDocument document = editor.document();
		int at = document.get().indexOf("network xor", document.get().indexOf("experiment")) + "network ".length();
		document.replace(at, 3, "xro");
		Workbench.waitForCheck(editor);
		List<IssueAnnotation> annotations = issueAnnotations(editor);
		assertEquals(1, annotations.size(), "annotations: " + annotations);
		assertTrue(annotations.get(0).getText().startsWith("Unknown network 'xro'"), annotations.get(0).getText());
		ICompletionProposal[] fixes = new VolrQuickAssistProcessor(editor).computeQuickAssistProposals(context(editor.viewer(), at));
		assertEquals(List.of("Change to 'xor'"), Arrays.stream(fixes).map(ICompletionProposal::getDisplayString).toList());
		fixes[0].apply(document);
		assertEquals(Workbench.xorText(), document.get());
	}

	@Test
	void hoverShowsTheInferredShapeAndParameterCount() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("hover.volr"));
		String text = editor.document().get();
		VolrTextHover hover = new VolrTextHover(editor);
		int onLayer = text.indexOf("dense 4 2 linear") + 2;
		assertEquals("dense 4 2 linear\nshape 4 → 2\n10 parameters", hover.getHoverInfo(editor.viewer(), hover.getHoverRegion(editor.viewer(), onLayer)));
		int onName = text.indexOf("network xor") + "network x".length();
		assertEquals("network xor\nshape 2 → 2\n22 parameters", hover.getHoverInfo(editor.viewer(), new Region(onName, 0)));
		// a neuron clause: the model and its parameters as the model's plug-in documents them
		int onModel = text.indexOf("neuron IF") + "neuron I".length();
		assertEquals("neuron model IF\nv_thresh: firing threshold (voltage, default 1)\nv_reset: membrane potential after a spike (reset zero)"
				+ " (voltage, default 0)\ntau_refrac: refractory period (time, default 0 ms)\nv_min: lower clamp of the membrane potential"
				+ " (voltage, default none)", hover.getHoverInfo(editor.viewer(), new Region(onModel, 0)));
		int onParameter = text.indexOf("tau_refrac 1 ms") + 2;
		assertEquals("IF parameter\ntau_refrac: refractory period (time, default 0 ms)", hover.getHoverInfo(editor.viewer(), new Region(onParameter, 0)));
	}

	@Test
	void outlineShowsNetworksLayersAndExperiments() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("outline.volr"));
		Workbench.page().showView(IPageLayout.ID_OUTLINE);
		IContentOutlinePage page = editor.getAdapter(IContentOutlinePage.class);
		assertNotNull(page);
		Workbench.waitForCheck(editor);
		Workbench.waitFor("the outline tree", () -> page.getControl() != null && ((Tree) page.getControl()).getItemCount() == 2);
		Tree tree = (Tree) page.getControl();
		assertEquals("network xor : net 2 2", tree.getItem(0).getText());
		assertEquals(List.of("dense 2 4 → 4", "dense 4 2 linear → 2"), texts(tree.getItem(0).getItems()));
		assertEquals("experiment learn_xor", tree.getItem(1).getText());
		assertEquals(List.of("network xor"), texts(tree.getItem(1).getItems()));

		// selecting a layer selects its text
		List<OutlineNode> roots = editor.outlinePage().roots();
		OutlineNode second = roots.get(0).children().get(1);
		editor.outlinePage().setSelection(new StructuredSelection(second));
		assertEquals(second.offset(), editor.viewer().getSelectedRange().x);
		assertEquals("dense 4 2 linear", editor.document().get(second.offset(), second.length()));
	}

	@Test
	void formatGivesTheLayoutOfVolrFormat() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("format.volr"));
		editor.document().set("network y=dense 2 4>>(dense 4 2|dense 4 2)  >>dense 4 1   network x (input [4])=dense 2\n");
		assertTrue(editor.format());
		assertEquals("network y = dense 2 4 >> (dense 4 2 | dense 4 2) >> dense 4 1\n\nnetwork x(input [4]) = dense 2\n",
				editor.document().get());
		// syntax errors: the text is left as it is
		editor.document().set("network y = dense 2 >>");
		assertFalse(editor.format());
		assertEquals("network y = dense 2 >>", editor.document().get());
	}

	@Test
	void goToDefinitionJumpsFromTheExperimentToTheNetwork() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("definition.volr"));
		String text = editor.document().get();
		int reference = text.indexOf("network xor", text.indexOf("experiment")) + "network x".length();
		editor.viewer().setSelectedRange(reference, 0);
		assertTrue(editor.openDeclaration());
		assertEquals(text.indexOf("network xor =") + "network ".length(), editor.viewer().getSelectedRange().x);
		assertEquals(3, editor.viewer().getSelectedRange().y);
		// not on a reference: nothing happens
		editor.viewer().setSelectedRange(text.indexOf("dense 2 4"), 0);
		assertFalse(editor.openDeclaration());
	}

	@Test
	void toggleCommentCommentsAndUncommentsTheSelectedLines() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("comment.volr"));
		IDocument document = editor.document();
		document.set("network a = dense 2 2\n    network b = dense 2 2\n");
		editor.viewer().setSelectedRange(3, document.getLength() - 5);
		editor.toggleComment();
		assertEquals("// network a = dense 2 2\n//     network b = dense 2 2\n", document.get());
		editor.viewer().setSelectedRange(0, document.getLength() - 1);
		editor.toggleComment();
		assertEquals("network a = dense 2 2\n    network b = dense 2 2\n", document.get());
	}

	@Test
	void highlightingStylesKeywordsLayerKindsNumbersCommentsAndNames() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("colours.volr"));
		String text = editor.document().get();
		StyledText styled = editor.viewer().getTextWidget();
		Workbench.pump(100);
		StyleRange comment = styled.getStyleRangeAtOffset(3);
		StyleRange keyword = styled.getStyleRangeAtOffset(text.indexOf("network xor"));
		StyleRange name = styled.getStyleRangeAtOffset(text.indexOf("xor ="));
		StyleRange layer = styled.getStyleRangeAtOffset(text.indexOf("dense 2 4"));
		StyleRange number = styled.getStyleRangeAtOffset(text.indexOf("dense 2 4") + "dense ".length());
		StyleRange reference = styled.getStyleRangeAtOffset(text.indexOf("network xor", text.indexOf("experiment")) + "network ".length());
		StyleRange word = styled.getStyleRangeAtOffset(text.indexOf("4 ⦶") + 1); // the space before ⦶
		assertNotNull(comment, "comment");
		assertNotNull(keyword, "keyword");
		assertNotNull(name, "declared name");
		assertNotNull(layer, "layer kind");
		assertNotNull(number, "number");
		assertNotNull(reference, "reference");
		assertEquals(SWT.ITALIC, comment.fontStyle);
		assertEquals(SWT.BOLD, keyword.fontStyle);
		assertEquals(SWT.BOLD, layer.fontStyle);
		assertEquals(SWT.NORMAL, number.fontStyle);
		assertEquals(SWT.ITALIC, reference.fontStyle);
		List<Object> colours = new ArrayList<>();
		for (StyleRange r : List.of(comment, keyword, name, layer, number, reference))
			colours.add(r.foreground.getRGB());
		assertEquals(colours.size(), colours.stream().distinct().count(), "each kind has its own colour: " + colours);
		assertTrue(word == null || word.foreground == null, "white space is not coloured");
	}

	@Test
	void keysRunTheEditorsCommands() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("keys.volr"));
		Workbench.pump(200);
		IBindingService bindings = PlatformUI.getWorkbench().getService(IBindingService.class);
		assertEquals(KeySequence.getInstance("M1+M2+F"), bindings.getBestActiveBindingFor(VolrEditor.FORMAT_COMMAND));
		assertEquals(KeySequence.getInstance("M1+/"), bindings.getBestActiveBindingFor(VolrEditor.TOGGLE_COMMENT_COMMAND));
		assertEquals(KeySequence.getInstance("F3"), bindings.getBestActiveBindingFor(VolrEditor.OPEN_DECLARATION_COMMAND));
		assertEquals(KeySequence.getInstance("M1+1"), bindings.getBestActiveBindingFor(ITextEditorActionDefinitionIds.QUICK_ASSIST));

		// the commands reach the editor through its actions' handlers
		IHandlerService handlers = editor.getSite().getService(IHandlerService.class);
		editor.document().set("network y=dense 2 4>>dense 4 1");
		handlers.executeCommand(VolrEditor.FORMAT_COMMAND, null);
		assertEquals("network y = dense 2 4 >> dense 4 1\n", editor.document().get());
		editor.viewer().setSelectedRange(0, 0);
		handlers.executeCommand(VolrEditor.TOGGLE_COMMENT_COMMAND, null);
		assertEquals("// network y = dense 2 4 >> dense 4 1\n", editor.document().get());
	}

	private static List<String> texts(TreeItem[] items) {
		return Arrays.stream(items).map(TreeItem::getText).toList();
	}

	private static List<IssueAnnotation> issueAnnotations(VolrEditor editor) {
		List<IssueAnnotation> result = new ArrayList<>();
		var model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();)
			if (it.next() instanceof IssueAnnotation a)
				result.add(a);
		return result;
	}

	private static int positionOf(VolrEditor editor, Annotation a) {
		return editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput()).getPosition(a).getOffset();
	}

	private static IQuickAssistInvocationContext context(ISourceViewer viewer, int offset) {
		return new IQuickAssistInvocationContext() {
			@Override
			public int getOffset() {
				return offset;
			}

			@Override
			public int getLength() {
				return 0;
			}

			@Override
			public ISourceViewer getSourceViewer() {
				return viewer;
			}
		};
	}

}
