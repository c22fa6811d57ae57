// Entry point of wwwroot/lib/echarts/echarts.min.js: a custom ECharts build with only what the time charts use
// (bars and lines, a time axis, tooltip, mark lines/areas/points for annotations and peaks, brush and dataZoom for
// time selection, ARIA descriptions) and only the SVG renderer, so exports can read the chart's <svg>.
// Bundled by build.sh with esbuild into an IIFE that sets window.echarts.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, MarkPointComponent,
  BrushComponent, DataZoomComponent, AriaComponent, TitleComponent
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent,
  MarkPointComponent, BrushComponent, DataZoomComponent, AriaComponent, TitleComponent, SVGRenderer
]);

export const init = echarts.init;
export const getInstanceByDom = echarts.getInstanceByDom;
export const version = echarts.version;
