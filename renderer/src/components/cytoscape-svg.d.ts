// cytoscape-svg ships no types: it is a cytoscape extension that adds cy.svg(options).
declare module 'cytoscape-svg' {
  import type cytoscape from 'cytoscape';
  const extension: cytoscape.Ext;
  export default extension;
}
