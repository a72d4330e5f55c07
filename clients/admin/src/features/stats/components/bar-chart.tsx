import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface BarChartProps {
  /** One bar per label (a day), in order. */
  labels: string[];
  values: number[];
  seriesLabel: string;
  color: string;
}

const height = 220;

/**
 * A bar chart drawn by uPlot on a canvas, as wide as its container. The canvas is decoration for sighted readers: the
 * figure around it carries the numbers as a table (see StatsPage).
 */
export default function BarChart({ labels, values, seriesLabel, color }: BarChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const xs = labels.map((_, index) => index);
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_, __, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [
        { splits: () => xs, values: (_, splits) => splits.map((index) => labels[index]?.slice(5) ?? ""), gap: 4, size: 32 },
        { size: 44, values: (_, splits) => splits.map((value) => (Number.isInteger(value) ? String(value) : "")) },
      ],
      series: [
        {},
        { label: seriesLabel, stroke: color, fill: `${color}cc`, width: 0, paths: uPlot.paths.bars?.({ size: [0.7, 48] }), points: { show: false } },
      ],
    };
    const chart = new uPlot(options, [xs, values], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [labels, values, seriesLabel, color]);
  return <div ref={container} className="chart" aria-hidden="true" />;
}
