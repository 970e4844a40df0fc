// The one wrapper around cytoscape (as DataGrid is around ag-grid): draws the nodes and links it is given,
// kept in step by diffing (a chart of thousands of nodes is not rebuilt on each change), and offers
// positions, layouts, fitting and image export through its handle. Above `webglFrom` elements it draws
// with cytoscape's WebGL renderer where a GPU offers WebGL (not a software rasteriser). What the elements mean and look like
// is the caller's (features/graph).
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

cytoscape.use(fcose);
cytoscape.use(svg);

export type Positions = Record<string, { x: number; y: number }>;
export type ViewNode = { id: string; data: Record<string, unknown>; classes: string[]; parent?: string; locked?: boolean };
export type ViewEdge = { id: string; source: string; target: string; data: Record<string, unknown>; classes: string[] };
/** A layout cytoscape runs itself: fcose, concentric (by degree), circle or grid. */
export type BuiltInLayout = 'fcose' | 'concentric' | 'circle' | 'grid';

export type GraphViewHandle = {
  positions(): Positions;
  setPositions(p: Positions, animate?: boolean): void;
  fit(ids?: string[]): void;
  /** Selects exactly these nodes (the selection events follow). */
  select(ids: string[]): void;
  png(background: string): string;
  /** A JPEG of the whole chart at most `maxWidth` pixels wide (small enough to keep inside a note). */
  jpeg(background: string, maxWidth: number): string;
  svg(background: string): string;
  viewport(): { zoom: number; pan: { x: number; y: number } };
  setViewport(v: { zoom: number; pan: { x: number; y: number } }): void;
  /** Runs one of cytoscape's own layouts over what is drawn; resolves when it stops. */
  layout(name: BuiltInLayout): Promise<void>;
};

type Props = {
  nodes: ViewNode[];
  /** Compound parents (groups): drawn around their members. */
  parents: ViewNode[];
  edges: ViewEdge[];
  stylesheet: unknown[];
  /** From this many elements the chart counts as big: WebGL where a GPU draws it, cheaper drawing otherwise. */
  webglFrom: number;
  onSelect: (ids: string[]) => void;
  onOpen: (id: string) => void;
  onMoved: (p: Positions) => void;
  /** Tells the caller which renderer draws the chart. */
  onRenderer?: (webgl: boolean) => void;
  testId?: string;
};

/** Cytoscape adds a <style> element for its container unless an element with this id is in the page; the
 * content security policy forbids inline styles, so the rule is in styles.css and this marker says so. */
function markStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('template');
  marker.id = id;
  document.head.appendChild(marker);
}

/** Whether the machine draws WebGL on a GPU: a software rasteriser (SwiftShader, llvmpipe) is slower at it
 * than cytoscape's canvas renderer, so it does not count. */
function gpuWebgl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

export const GraphView = forwardRef<GraphViewHandle, Props>(function GraphView(props, ref) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const carried = useRef<ElementDefinition[] | null>(null);
  /** Positions given for nodes not drawn yet (a chart being opened): applied when they arrive. */
  const pending = useRef<Positions>({});
  const callbacks = useRef(props);
  callbacks.current = props;
  // Big charts: WebGL where a GPU draws it, and in any case the canvas renderer's cheaper settings (a
  // texture while panning and zooming, edges hidden meanwhile).
  const large = props.nodes.length + props.edges.length >= props.webglFrom;

  // One cytoscape per renderer: WebGL is chosen when it is created.
  useEffect(() => {
    if (!box.current) return;
    markStylesheet();
    const gl = large && gpuWebgl();
    const instance = cytoscape({
      container: box.current,
      style: callbacks.current.stylesheet as cytoscape.StylesheetJson,
      wheelSensitivity: 0.3,
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: true,
      ...(large ? { textureOnViewport: true, hideEdgesOnViewport: true, pixelRatio: 1 } : {}),
      ...(gl ? { webgl: true } : {}),
    } as cytoscape.CytoscapeOptions);
    if (carried.current) {
      // The elements of the previous instance, with their positions.
      instance.add(carried.current);
      carried.current = null;
    }
    callbacks.current.onRenderer?.(gl);
    box.current.dataset['webgl'] = gl ? 'yes' : 'no';
    instance.on('select unselect', () => callbacks.current.onSelect(instance.$('node:selected').map((n) => n.id())));
    instance.on('dbltap', 'node', (ev) => callbacks.current.onOpen(ev.target.id()));
    instance.on('dragfree', 'node', (ev) => {
      const p: Positions = {};
      ev.target.forEach((n: cytoscape.NodeSingular) => {
        p[n.id()] = { ...n.position() };
      });
      callbacks.current.onMoved(p);
    });
    cy.current = instance;
    // A container shown again (a tab) or resized: cytoscape measures its canvas anew.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      carried.current = instance.elements().jsons() as unknown as ElementDefinition[];
      instance.destroy();
      if (cy.current === instance) cy.current = null;
    };
  }, [large]);

  useEffect(() => {
    cy.current?.style(props.stylesheet as cytoscape.StylesheetJson);
  }, [props.stylesheet]);

  // Elements: add what is new, remove what went, update the rest.
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const wanted = new Set<string>([...props.nodes.map((n) => n.id), ...props.edges.map((e) => e.id), ...props.parents.map((g) => g.id)]);
    c.batch(() => {
      c.elements().forEach((el) => {
        if (!wanted.has(el.id())) el.remove();
      });
      const fresh: string[] = [];
      for (const n of [...props.parents, ...props.nodes]) {
        const data = { ...n.data, id: n.id, ...(n.parent ? { parent: n.parent } : {}) };
        let el = c.getElementById(n.id);
        if (el.empty()) {
          el = c.add({ group: 'nodes', data });
          fresh.push(n.id);
        } else {
          if ((el.data('parent') ?? undefined) !== n.parent) el.move({ parent: n.parent ?? null });
          const gone = Object.keys(el.data()).filter((k) => k !== 'id' && k !== 'parent' && !(k in data));
          if (gone.length) el.removeData(gone.join(' '));
          el.data(data);
        }
        el.classes(n.classes);
        if (n.locked) el.lock();
        else el.unlock();
      }
      for (const e of props.edges) {
        const data = { ...e.data, id: e.id, source: e.source, target: e.target };
        let el = c.getElementById(e.id);
        if (el.empty()) el = c.add({ group: 'edges', data });
        else el.data(data);
        el.classes(e.classes);
      }
      // New nodes go where they were given, else round the neighbour already placed that brought them (a
      // sunflower spiral: dense, without overlaps, whatever their number), else round the centre. Nodes
      // already on the chart keep their places (a full layout is the user's choice).
      const isFresh = new Set(fresh);
      const around = new Map<string, string[]>();
      for (const id of fresh) {
        const el = c.getElementById(id);
        if (el.isParent()) continue;
        const given = pending.current[id];
        if (given) {
          el.position(given);
          delete pending.current[id];
          continue;
        }
        const placed = el.neighborhood('node').filter((n) => !isFresh.has(n.id()));
        const anchor = placed.nonempty() ? placed.first().id() : '';
        (around.get(anchor) ?? around.set(anchor, []).get(anchor)!).push(id);
      }
      for (const [anchor, ids] of around) {
        const centre = anchor ? (c.getElementById(anchor) as cytoscape.NodeSingular).position() : { x: 0, y: 0 };
        ids.forEach((id, j) => {
          const r = 70 + 38 * Math.sqrt(j);
          const a = j * 2.399963;
          c.getElementById(id).position({ x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) });
        });
      }
    });
  }, [props.nodes, props.edges, props.parents, large]);

  useImperativeHandle(
    ref,
    () => ({
      positions() {
        const p: Positions = {};
        cy.current?.nodes().forEach((n) => {
          if (!n.isParent()) p[n.id()] = { ...n.position() };
        });
        return p;
      },
      setPositions(p, animate = false) {
        const c = cy.current;
        if (!c) {
          Object.assign(pending.current, p);
          return;
        }
        const rest = { ...p };
        c.batch(() => {
          c.nodes().forEach((n) => {
            const at = p[n.id()];
            delete rest[n.id()];
            if (!at || n.locked() || n.isParent()) return;
            if (animate) n.animate({ position: at }, { duration: 300 });
            else n.position(at);
          });
        });
        Object.assign(pending.current, rest);
      },
      fit(ids) {
        const c = cy.current;
        if (!c) return;
        let only = c.collection();
        for (const id of ids ?? []) only = only.union(c.getElementById(id));
        c.fit(only.nonempty() ? only : undefined, 40);
      },
      select(ids) {
        const c = cy.current;
        if (!c) return;
        const want = new Set(ids);
        c.batch(() => {
          c.$(':selected').forEach((el) => {
            if (!want.has(el.id())) el.unselect();
          });
          for (const id of ids) c.getElementById(id).select();
        });
      },
      png(background) {
        return cy.current?.png({ full: true, scale: 2, bg: background, output: 'base64uri' }) ?? '';
      },
      jpeg(background, maxWidth) {
        return cy.current?.jpg({ full: true, bg: background, quality: 0.85, maxWidth, output: 'base64uri' }) ?? '';
      },
      svg(background) {
        return (cy.current as unknown as { svg(o: object): string } | null)?.svg({ full: true, scale: 1, bg: background }) ?? '';
      },
      viewport() {
        return { zoom: cy.current?.zoom() ?? 1, pan: { ...(cy.current?.pan() ?? { x: 0, y: 0 }) } };
      },
      setViewport(v) {
        cy.current?.viewport({ zoom: v.zoom, pan: v.pan });
      },
      layout(name) {
        const c = cy.current;
        if (!c) return Promise.resolve();
        const options: Record<string, unknown> =
          name === 'fcose'
            ? { name, quality: 'default', randomize: false, animate: false, nodeRepulsion: 8000, idealEdgeLength: 90, packComponents: true }
            : name === 'concentric'
              ? { name, concentric: (n: cytoscape.NodeSingular) => n.degree(false), levelWidth: () => 2, animate: false, minNodeSpacing: 20 }
              : { name, animate: false, avoidOverlap: true };
        const run = c.elements().layout(options as unknown as cytoscape.LayoutOptions);
        const done = new Promise<void>((resolve) => run.one('layoutstop', () => resolve()));
        run.run();
        return done;
      },
    }),
    [],
  );

  return <div ref={box} className="pc-graph-canvas" data-testid={props.testId} />;
});
