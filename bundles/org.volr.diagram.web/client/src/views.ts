// How the model's elements are drawn. Positions and sizes come from the Java layout (ELK); the views only draw.
import { injectable } from 'inversify';
import { VNode } from 'snabbdom';
import { IView, RenderingContext, SEdgeImpl, SLabelImpl, SNodeImpl, svg } from 'sprotty';

/** A layer, input, output, merge or reference node: a rounded box, its text lines, its problems as a tooltip. */
@injectable()
export class LayerNodeView implements IView {
    render(node: Readonly<SNodeImpl>, context: RenderingContext): VNode {
        const problem = (node as unknown as { problem?: string }).problem;
        return svg('g', null,
            svg('rect', {
                'class-volr-node': true, 'class-selected': node.selected,
                x: 0, y: 0, rx: 4, ry: 4, width: node.size.width, height: node.size.height
            }),
            ...(problem ? [svg('title', null, problem)] : []),
            ...context.renderChildren(node));
    }
}

/** One network: an invisible frame (dashed when selected) around its caption, nodes and edges. */
@injectable()
export class NetworkView implements IView {
    render(node: Readonly<SNodeImpl>, context: RenderingContext): VNode {
        return svg('g', null,
            svg('rect', {
                'class-volr-network': true, 'class-selected': node.selected,
                x: 0, y: 0, width: node.size.width, height: node.size.height
            }),
            ...context.renderChildren(node));
    }
}

/** A text line, centred in the box the layout gave it. */
@injectable()
export class LabelView implements IView {
    render(label: Readonly<SLabelImpl>, _context: RenderingContext): VNode {
        const role = label.type.substring('label:'.length);
        const centred = role !== 'caption';
        return svg('text', {
            'class-volr-label': true, [`class-${role}`]: true,
            x: centred ? label.size.width / 2 : 0, y: label.size.height * 0.78,
            'text-anchor': centred ? 'middle' : 'start'
        }, label.text);
    }
}

/** An edge along the route ELK computed (start and end included), with an arrowhead. */
@injectable()
export class RoutedEdgeView implements IView {
    render(edge: Readonly<SEdgeImpl>, context: RenderingContext): VNode {
        const points = edge.routingPoints;
        const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
        // a wide invisible stroke under the line, so that a palette button can be dropped onto the edge
        const children: VNode[] = [svg('path', { 'class-volr-edge-target': true, d }), svg('path', { 'class-volr-edge': true, d })];
        if (points.length >= 2) {
            const a = points[points.length - 2], b = points[points.length - 1];
            const angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
            children.push(svg('path', {
                'class-volr-arrow': true, d: 'M0,0 L-7,-3.5 L-7,3.5 Z',
                transform: `translate(${b.x},${b.y}) rotate(${angle})`
            }));
        }
        return svg('g', null, ...children, ...context.renderChildren(edge));
    }
}
