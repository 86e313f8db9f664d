// Chart.js, tree-shaken: register only the controllers, elements and scales the sidebar draws with.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family = '"Google Sans", Roboto, Arial, sans-serif';
Chart.defaults.font.size = 10;
Chart.defaults.color = "#5f6368";
// The sidebar redraws on every keystroke of a threshold; animations would only lag behind the input.
Chart.defaults.animation = false;

export { Chart };

/** Colours by tier rank, hottest first; the last one is for scores below every tier. */
export const TIER_COLORS = ["#c5221f", "#e8710a", "#f9ab00", "#1a73e8", "#12b5cb", "#9334e6"];
export const BELOW_COLOR = "#bdc1c6";

export function tierColor(rank: number): string {
  return rank < 0 ? BELOW_COLOR : TIER_COLORS[rank % TIER_COLORS.length];
}
