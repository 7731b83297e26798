/**
 * Plots as plain data: {@link depthlimit.plot.Figure} (curves on linear or logarithmic axes, reference lines as dashed
 * series) and {@link depthlimit.plot.HeatMap}. No drawing library here, so that any package can describe a plot;
 * {@code depthlimit.report} renders them.
 */
package depthlimit.plot;
