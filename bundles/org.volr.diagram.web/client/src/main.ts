// The Volr diagram page: a Sprotty viewer of the model the server lays out, a palette that adds layers next to
// the selected node, and a property panel for its parameters. Every edit is posted to the server, which writes
// the .volr file; the page then shows the file's new diagram. The page polls the file's version, so edits made
// in a text editor appear here too. The view fits the diagram on load; the wheel zooms, dragging pans, and the
// toolbar fits again, turns the layout top down, and undoes or redoes the page's edits (also Ctrl+Z, Ctrl+Y;
// the Delete key deletes the selected layer).
import 'reflect-metadata';
import { Container, ContainerModule, injectable } from 'inversify';
import {
    Action, configureActionHandler, configureModelElement, configureViewerOptions, IActionHandler, loadDefaultModules,
    LocalModelSource, moveFeature, SEdgeImpl, SGraphImpl, SGraphView, SLabelImpl, SNodeImpl, TYPES
} from 'sprotty';
import { FitToScreenAction, SelectAction, SModelRoot, Viewport } from 'sprotty-protocol';
import { LabelView, LayerNodeView, NetworkView, RoutedEdgeView } from './views';

interface Parameter { name: string; type: string; value: string; choices: string[] }
interface NodeInfo {
    kind: string; network?: string; name?: string; neuron?: string; neurons?: string[]; parameters?: Parameter[];
    offset?: number; length?: number
}

// The page inside an editor (the SWT Browser of org.volr.diagram.ui): the host installs volrSelectionChanged to
// follow the diagram's selection in the text, and calls volrSelectAt when the text's selection moves.
declare global {
    interface Window {
        volrSelectionChanged?: (id: string, offset: number, length: number, names: string[], values: string[]) => void;
        volrSelect?: (id: string) => void;
        volrSelectAt?: (offset: number) => void;
        volrSelected?: () => string | undefined;
    }
}
/** A kind of layer the palette adds, and the node kind (dense, conv, pooling, shape) whose colours its button wears. */
interface PaletteEntry { kind: string; group: string }
interface Problem { line: number; column: number; severity: string; message: string }
interface Model {
    version: number; file: string; stale: boolean; problems: Problem[]; palette: PaletteEntry[];
    direction: string; canUndo: boolean; canRedo: boolean;
    graph?: SModelRoot; nodes: Record<string, NodeInfo>; created?: string
}

const NODE_KINDS = ['input', 'output', 'dense', 'conv', 'pooling', 'shape', 'merge', 'reference'];
const LABEL_ROLES = ['caption', 'title', 'kind', 'shape', 'params', 'flow', 'activity'];

const state = {
    model: undefined as Model | undefined, selected: undefined as string | undefined, busy: false,
    /** a selection the host asked for is not reported back to it */
    fromHost: false,
    /** after "connect selected to…": the node the connection starts at, until the next node is selected */
    connectFrom: undefined as string | undefined,
    /** the next diagram shown is fitted to the view (the first one, and one laid out in another direction) */
    fitNext: true,
    /** whether the property panel shows the parameters the text leaves out */
    showUnset: false
};

@injectable()
class SelectionTracker implements IActionHandler {
    handle(action: Action): void {
        const select = action as SelectAction;
        if (select.selectedElementsIDs && select.selectedElementsIDs.length > 0)
            state.selected = select.selectedElementsIDs[select.selectedElementsIDs.length - 1];
        else if (select.deselectedElementsIDs && state.selected && select.deselectedElementsIDs.includes(state.selected))
            state.selected = undefined;
        renderProperties();
        if (!state.fromHost)
            tellHost();
        state.fromHost = false;
        if (state.connectFrom && state.selected && state.selected !== state.connectFrom) {
            const from = state.connectFrom;
            state.connectFrom = undefined;
            edit({ op: 'connect', node: from, to: state.selected, merge: (element('merge') as HTMLSelectElement).value });
        }
    }
}

/** Reports the selected node, where it is written and its parameters to the hosting editor, if there is one. */
function tellHost(): void {
    const info = state.selected && state.model ? state.model.nodes[state.selected] : undefined;
    if (!window.volrSelectionChanged || !state.selected || !info || info.offset === undefined)
        return;
    const parameters = info.parameters ?? [];
    const names = ['kind', ...parameters.map(p => p.name)];
    const values = [info.kind, ...parameters.map(p => p.value)];
    if (info.neuron) {
        names.push('neuron');
        values.push(info.neuron);
    }
    window.volrSelectionChanged(state.selected, info.offset, info.length ?? 0, names, values);
}

function selectFromHost(id: string): void {
    if (id === state.selected)
        return;
    state.fromHost = true;
    source.actionDispatcher.dispatch(SelectAction.create({
        selectedElementsIDs: [id], deselectedElementsIDs: state.selected ? [state.selected] : []
    }));
}

window.volrSelect = selectFromHost;
window.volrSelected = () => state.selected;
/** Selects the innermost node written at the offset (a layer inside a network's text, else the network). */
window.volrSelectAt = (offset: number) => {
    let best: string | undefined, bestLength = Infinity;
    for (const [id, info] of Object.entries(state.model?.nodes ?? {})) {
        if (info.offset === undefined || info.length === undefined)
            continue;
        if (info.offset <= offset && offset <= info.offset + info.length && info.length < bestLength) {
            best = id;
            bestLength = info.length;
        }
    }
    if (best)
        selectFromHost(best);
};

const diagramModule = new ContainerModule((bind, unbind, isBound, rebind) => {
    bind(TYPES.ModelSource).to(LocalModelSource).inSingletonScope();
    const context = { bind, unbind, isBound, rebind };
    configureModelElement(context, 'graph', SGraphImpl, SGraphView);
    configureModelElement(context, 'node:network', SNodeImpl, NetworkView, { disable: [moveFeature] });
    for (const kind of NODE_KINDS)
        configureModelElement(context, `node:${kind}`, SNodeImpl, LayerNodeView, { disable: [moveFeature] });
    for (const role of LABEL_ROLES)
        configureModelElement(context, `label:${role}`, SLabelImpl, LabelView);
    configureModelElement(context, 'edge', SEdgeImpl, RoutedEdgeView);
    configureViewerOptions(context, { needsClientLayout: false, needsServerLayout: false, baseDiv: 'sprotty' });
    configureActionHandler(context, SelectAction.KIND, SelectionTracker);
});

const container = new Container();
loadDefaultModules(container);
container.load(diagramModule);
const source = container.get<LocalModelSource>(TYPES.ModelSource);

function element(id: string): HTMLElement {
    return document.getElementById(id) as HTMLElement;
}

async function load(): Promise<void> {
    const response = await fetch('model', { cache: 'no-store' });
    await show(await response.json() as Model);
}

async function show(model: Model): Promise<void> {
    const viewport = state.model?.graph && !state.fitNext ? await source.getViewport() : undefined;
    state.model = model;
    element('file').textContent = model.file;
    document.body.classList.toggle('stale', model.stale);
    element('stale-banner').hidden = !model.stale;
    const problems = element('problems');
    problems.replaceChildren(...model.problems.map(p => {
        const li = document.createElement('li');
        li.className = p.severity;
        li.textContent = `${model.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
        return li;
    }));
    if (model.created)
        state.selected = model.created;
    if (state.selected && !model.nodes[state.selected] && !state.selected.endsWith('/input') && !state.selected.endsWith('/output'))
        state.selected = undefined;
    (element('undo') as HTMLButtonElement).disabled = !model.canUndo;
    (element('redo') as HTMLButtonElement).disabled = !model.canRedo;
    (element('direction') as HTMLSelectElement).value = model.direction;
    if (model.graph) {
        // a new diagram keeps the zoom and scroll the user chose (Sprotty would reset them)
        const graph: SModelRoot & Partial<Viewport> = { ...model.graph };
        if (viewport) {
            graph.scroll = viewport.scroll;
            graph.zoom = viewport.zoom;
        }
        const fit = state.fitNext;
        state.fitNext = false;
        await source.setModel(graph).then(() => {
            if (fit)
                fitToView();
            if (state.selected) {
                // re-selecting after a reload is not news for the host (it would move the text caret while typing)
                state.fromHost = !model.created;
                source.actionDispatcher.dispatch(SelectAction.create({ selectedElementsIDs: [state.selected] }));
            }
            element('status').textContent = `version ${model.version}`;
            document.body.dataset.version = String(model.version);
        });
    }
    renderPalette(model.palette);
    renderProperties();
}

async function edit(fields: Record<string, string>): Promise<void> {
    return post('edit', fields);
}

/** Posts a change (an edit, undo, redo, another layout) and shows the model the server answers with. */
async function post(path: string, fields: Record<string, string>): Promise<void> {
    if (state.busy)
        return;
    state.busy = true;
    const message = element('message');
    try {
        // JSON and the token from the served page: the server refuses edits without them (a page of another site
        // could otherwise post a form here)
        const response = await fetch(path, {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Volr-Token': sessionToken() },
            body: JSON.stringify(fields)
        });
        if (!response.ok) {
            message.className = 'error';
            message.textContent = await errorMessage(response);
            return;
        }
        const body = await response.json();
        message.className = '';
        message.textContent = '';
        await show(body as Model);
    } finally {
        state.busy = false;
    }
}

function sessionToken(): string {
    return document.querySelector<HTMLMetaElement>('meta[name="volr-token"]')?.content ?? '';
}

/** A refused edit's reason: {"error": ...} from the editor, or the plain sentence of a refused request. */
async function errorMessage(response: Response): Promise<string> {
    const text = await response.text();
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed?.error === 'string')
            return parsed.error;
    } catch {
        // not JSON: the sentence itself
    }
    return text.trim() || `the server answered ${response.status}`;
}

function renderPalette(entries: PaletteEntry[]): void {
    const box = element('palette-kinds');
    if (box.childElementCount === entries.length)
        return;
    box.replaceChildren(...entries.map(({ kind, group }) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = group;
        button.dataset.kind = kind;
        button.draggable = true;
        button.title = `add ${kind} next to the selected node, or drag it onto a node or an edge`;
        button.append(paletteIcon(), kind);
        button.addEventListener('click', () => addFromPalette(kind));
        button.addEventListener('dragstart', event => {
            event.dataTransfer?.setData(DRAGGED_KIND, kind);
            event.dataTransfer!.effectAllowed = 'copy';
        });
        return button;
    }));
}

/** A small node box in the colours of the button's group, as the diagram draws that kind of layer. */
function paletteIcon(): SVGSVGElement {
    const ns = 'http://www.w3.org/2000/svg';
    const icon = document.createElementNS(ns, 'svg');
    icon.setAttribute('class', 'palette-icon');
    icon.setAttribute('width', '16');
    icon.setAttribute('height', '12');
    const box = document.createElementNS(ns, 'rect');
    box.setAttribute('x', '1');
    box.setAttribute('y', '1');
    box.setAttribute('width', '14');
    box.setAttribute('height', '10');
    box.setAttribute('rx', '2');
    icon.append(box);
    return icon;
}

const DRAGGED_KIND = 'application/x-volr-layer';

/**
 * A palette button dropped onto a node adds the layer there (after, before or beside it, as "place" says); dropped
 * onto an edge, it goes between the edge's ends (after the node the edge leaves).
 */
function dropTarget(event: DragEvent): string | undefined {
    const prefix = 'sprotty_';
    for (let e = event.target as Element | null; e && e.id !== 'sprotty'; e = e.parentElement) {
        const id = e.id?.startsWith(prefix) ? e.id.substring(prefix.length) : undefined;
        if (!id)
            continue;
        const edge = findEdge(id);
        if (edge)
            return edge.sourceId;
        const info = state.model?.nodes[id];
        if (info && info.kind !== 'network' || id.endsWith('/input'))
            return id;
    }
    return undefined;
}

interface GraphEdge { id: string; type: string; sourceId: string; children?: GraphEdge[] }

function findEdge(id: string): GraphEdge | undefined {
    const search = (n: GraphEdge): GraphEdge | undefined =>
        n.id === id && n.type === 'edge' ? n : (n.children ?? []).map(search).find(x => x !== undefined);
    return state.model?.graph ? search(state.model.graph as unknown as GraphEdge) : undefined;
}

// on the canvas, not on Sprotty's div: Sprotty replaces that div when it renders, listeners and all
element('canvas').addEventListener('dragover', event => {
    if (event.dataTransfer?.types.includes(DRAGGED_KIND)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
    }
});
element('canvas').addEventListener('drop', event => {
    const kind = event.dataTransfer?.getData(DRAGGED_KIND);
    if (!kind)
        return;
    event.preventDefault();
    const target = dropTarget(event);
    const message = element('message');
    if (!target) {
        message.className = 'error';
        message.textContent = `Drop ${kind} onto a node or an edge: the new layer goes there.`;
        return;
    }
    state.selected = target;
    addFromPalette(kind);
});

function addFromPalette(kind: string): void {
    const message = element('message');
    if (!state.selected) {
        message.className = 'error';
        message.textContent = 'Select a node first: the new layer goes next to it.';
        return;
    }
    const placement = (element('placement') as HTMLSelectElement).value;
    edit(placement === 'branch'
        ? { op: 'branch', node: state.selected, kind }
        : { op: 'add', node: state.selected, kind, before: String(placement === 'before') });
}

function renderProperties(): void {
    const panel = element('property-panel');
    const id = state.selected;
    const info = id && state.model ? state.model.nodes[id] : undefined;
    if (!id || !info) {
        panel.replaceChildren(hint(id ? 'This node has no properties.' : 'Select a layer or a network.'));
        return;
    }
    const parts: HTMLElement[] = [];
    const heading = document.createElement('h3');
    heading.textContent = info.kind === 'network' ? `network ${info.name}` : info.kind;
    parts.push(heading);
    const graphNode = findNode(id);
    if (graphNode?.problem) {
        const p = document.createElement('div');
        p.className = 'problem';
        p.textContent = graphNode.problem;
        parts.push(p);
    }
    const parameterField = (parameter: Parameter) => field(parameter.name, parameter.value,
        parameter.type === 'choice' ? ['', ...parameter.choices] : undefined,
        value => edit({ op: 'set', node: id, name: parameter.name, value }));
    const parameters = info.parameters ?? [];
    parts.push(...parameters.filter(p => p.value !== '').map(parameterField));
    // optional parameters the text leaves out (stride, dilation, a label...) are folded away, so that the panel
    // shows what the layer says; opening them stays open while other layers are selected
    const unset = parameters.filter(p => p.value === '');
    if (unset.length > 0) {
        const more = document.createElement('details');
        more.className = 'unset';
        more.open = state.showUnset;
        more.addEventListener('toggle', () => { state.showUnset = more.open; });
        const summary = document.createElement('summary');
        summary.textContent = `${unset.length} more, not set: ${unset.map(p => p.name).join(', ')}`;
        more.append(summary, ...unset.map(parameterField));
        parts.push(more);
    }
    if (info.kind === 'network') {
        if (info.neuron)
            parts.push(field('neuron', info.neuron, info.neurons, value => edit({ op: 'neuron', node: id, kind: value })));
        else
            parts.push(hint('No experiment runs this network, so it has no neuron model yet.'));
    }
    panel.replaceChildren(...parts);
}

function field(name: string, value: string, choices: string[] | undefined, change: (value: string) => void): HTMLElement {
    const label = document.createElement('label');
    label.className = 'field';
    label.append(name);
    let input: HTMLInputElement | HTMLSelectElement;
    if (choices) {
        input = document.createElement('select');
        for (const c of choices) {
            const option = document.createElement('option');
            option.value = c;
            option.textContent = c === '' ? '(none)' : c;
            input.append(option);
        }
    } else {
        input = document.createElement('input');
    }
    input.name = name;
    input.value = value;
    input.addEventListener('change', () => change(input.value));
    label.append(input);
    return label;
}

function hint(text: string): HTMLElement {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = text;
    return p;
}

interface GraphNode {
    id: string; problem?: string; children?: GraphNode[];
    position?: { x: number; y: number }; size?: { width: number; height: number }
}

function findNode(id: string): GraphNode | undefined {
    const search = (n: GraphNode): GraphNode | undefined =>
        n.id === id ? n : (n.children ?? []).map(search).find(x => x !== undefined);
    return state.model?.graph ? search(state.model.graph as unknown as GraphNode) : undefined;
}

element('connect').addEventListener('click', () => {
    const message = element('message');
    if (!state.selected) {
        message.className = 'error';
        message.textContent = 'Select the node the connection starts at first.';
        return;
    }
    state.connectFrom = state.selected;
    message.className = '';
    message.textContent = 'Now select the node the connection goes to: the layers between become a branch beside it.';
});

element('delete').addEventListener('click', deleteSelected);

function deleteSelected(): void {
    if (state.selected)
        edit({ op: 'delete', node: state.selected });
}

/** Zooms and scrolls so that every network is in view, at most at natural size (a small net is not blown up). */
function fitToView(): void {
    const networks = (state.model?.graph?.children ?? []).map(n => n.id);
    source.actionDispatcher.dispatch(FitToScreenAction.create(networks, { padding: 12, maxZoom: 1, animate: false }));
}

element('fit').addEventListener('click', fitToView);
element('undo').addEventListener('click', () => post('undo', {}));
element('redo').addEventListener('click', () => post('redo', {}));
element('direction').addEventListener('change', () => {
    state.fitNext = true;
    post('layout', { direction: (element('direction') as HTMLSelectElement).value });
});

// Ctrl+Z, Ctrl+Y (or Ctrl+Shift+Z) and Delete act on the file, except while typing in a field of the panels. The
// capture phase: Sprotty's own Ctrl+Z would otherwise undo only its view state (a selection, a zoom).
window.addEventListener('keydown', event => {
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
        return;
    const key = event.key.toLowerCase();
    const command = event.ctrlKey || event.metaKey;
    let action: (() => void) | undefined;
    if (command && key === 'z' && !event.shiftKey)
        action = () => post('undo', {});
    else if (command && (key === 'y' || key === 'z' && event.shiftKey))
        action = () => post('redo', {});
    else if (!command && (key === 'delete' || key === 'backspace') && state.selected)
        action = deleteSelected;
    if (action) {
        event.preventDefault();
        event.stopPropagation();
        action();
    }
}, true);

// a change of the file (an edit here or in any editor) raises the version; the page follows within a second
setInterval(async () => {
    if (state.busy || !state.model)
        return;
    try {
        const response = await fetch('version', { cache: 'no-store' });
        const { version } = await response.json();
        if (version !== state.model.version)
            await load();
    } catch {
        element('status').textContent = 'server not reachable';
    }
}, 300);

load();
