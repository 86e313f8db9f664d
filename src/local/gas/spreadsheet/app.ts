// The SpreadsheetApp global: the active spreadsheet, its UI, builders and enums.
import {
  BooleanCriteria,
  BorderStyle,
  DataValidationCriteria,
  Dimension,
  ProtectionType,
  SheetType,
  WrapStrategy,
} from "../enums";
import type { Env } from "../env";
import { Ui, type UiLog } from "../ui";
import { newConditionalFormatRule } from "./conditional";
import type { Range } from "./range";
import { newRichTextValue } from "./richtext";
import type { Sheet } from "./sheet";
import type { Spreadsheet } from "./spreadsheet";
import { newDataValidation } from "./validation";

export class SpreadsheetApp {
  readonly BorderStyle = BorderStyle;
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;
  readonly SheetType = SheetType;
  private readonly ui: Ui;

  constructor(
    private readonly env: Env,
    private readonly ss: Spreadsheet,
    log: UiLog,
    addonTitle: () => string,
  ) {
    this.ui = env.wrap(new Ui(env, log, addonTitle), "Ui");
  }
  getActiveSpreadsheet(): Spreadsheet {
    return this.ss._proxy;
  }
  getActive(): Spreadsheet {
    return this.ss._proxy;
  }
  getActiveSheet(): Sheet {
    return this.ss._activeSheet()._proxy;
  }
  getActiveRange(): unknown {
    return this.ss._activeRangeOn(this.ss._activeSheet());
  }
  getCurrentCell(): unknown {
    return this.ss.getActiveCell();
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return this.ss.setActiveSheet(sheet);
  }
  setActiveRange(range: Range): unknown {
    return this.ss.setActiveRange(range);
  }
  openById(id: string): Spreadsheet {
    if (String(id) !== this.ss._id)
      throw new Error(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return this.ss._proxy;
  }
  openByUrl(url: string): Spreadsheet {
    if (!String(url).includes(this.ss._id))
      throw new Error(
        "Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.",
      );
    return this.ss._proxy;
  }
  getUi(): Ui {
    return this.ui;
  }
  /** Writes are applied at once here, so flush has nothing to do (it is still counted). */
  flush(): void {}
  newDataValidation(): unknown {
    return newDataValidation(this.env);
  }
  newConditionalFormatRule(): unknown {
    return newConditionalFormatRule(this.env, this.ss._ruleRange);
  }
  newRichTextValue(): unknown {
    return newRichTextValue(this.env);
  }
}
