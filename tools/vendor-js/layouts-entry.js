// Entry point of wwwroot/lib/graphology-layouts/graphology-layouts.min.js.
// Bundled by build.sh with esbuild into an IIFE that sets window.GraphologyLayouts.
// The layouts take a graphology instance as argument and never import graphology
// itself, so they work with the graph objects of graphology.umd.min.js.
var forceAtlas2 = require('graphology-layout-forceatlas2');
var FA2LayoutSupervisor = require('graphology-layout-forceatlas2/worker');
var noverlap = require('graphology-layout-noverlap');
var NoverlapLayoutSupervisor = require('graphology-layout-noverlap/worker');
var circular = require('graphology-layout/circular');
var random = require('graphology-layout/random');

module.exports = {
  forceAtlas2: forceAtlas2,
  FA2LayoutSupervisor: FA2LayoutSupervisor,
  noverlap: noverlap,
  NoverlapLayoutSupervisor: NoverlapLayoutSupervisor,
  circular: circular,
  random: random
};
