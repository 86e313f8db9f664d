// Calibration RPC: the sidebar's Calibration panel calls these through google.script.run (see src/contract).
// Thin calls into src/sheets/calibration-service.

import type {
  ApplyPreview,
  CalibrationReport,
  CalibrationRequest,
  LeadColumns,
  MatrixVersion,
  SidebarState,
  SuggestRequest,
  SuggestSummary,
} from "../contract";
import * as service from "../sheets/calibration-service";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function getLeadColumns(): LeadColumns {
  return service.leadColumns(active());
}

export function getCalibration(request: CalibrationRequest): CalibrationReport {
  return service.calibration(active(), request);
}

export function suggestPoints(request: SuggestRequest): SuggestSummary {
  return service.suggestPoints(active(), request);
}

export function previewSuggestedMatrix(): ApplyPreview {
  return service.previewSuggestedMatrix(active());
}

export function applySuggestedMatrix(): SidebarState {
  return service.applySuggestedMatrix(active());
}

export function listMatrixVersions(): MatrixVersion[] {
  return service.matrixVersions(active());
}

export function restoreMatrix(savedAt: string): SidebarState {
  return service.restoreMatrix(active(), savedAt);
}

export function createChartTab(request: CalibrationRequest): { tab: string; charts: number } {
  return service.createChartTab(active(), request);
}
