// The NormaliseContext of one record, with `event.original` computed on first read. Redacting and bounding
// the raw text costs a regex pass or more per record, and not every record needs it: an MDE envelope's
// events each keep their own row instead, and records that dead-letter keep the raw bytes. Reading
// `original` gives exactly what computing it up front gave.
import { originalFromJson, originalFromTsv } from "../../mappings/schema/original.ts";
import type { NormaliseContext, RecordCoordinates } from "../../mappings/sources/types.ts";
import type { ZeekTsvHeader } from "../../mappings/sources/zeek/tsv.ts";

export class RecordContext implements NormaliseContext {
  zeekPath?: string;
  keyStyle?: string;
  #pending = false;
  #original: string | undefined = undefined;
  #json: string | undefined = undefined;
  #jsonScreened = false;
  #tsvHeader: ZeekTsvHeader | undefined = undefined;
  #tsvValues: string[] | undefined = undefined;
  #tsvLine = "";

  constructor(
    readonly coordinates: RecordCoordinates,
    readonly originalMaxChars: number,
  ) {}

  /** The record is JSON text: its original is that text, redacted (unless `screened`, decode.ts) then bounded. */
  originalFromJson(text: string, screened: boolean): void {
    this.#pending = true;
    this.#json = text;
    this.#jsonScreened = screened;
  }

  /** The record is a Zeek TSV line: its original is the line, sensitive columns redacted, then bounded. */
  originalFromTsv(header: ZeekTsvHeader, values: string[], line: string): void {
    this.#pending = true;
    this.#tsvHeader = header;
    this.#tsvValues = values;
    this.#tsvLine = line;
  }

  get jsonText(): string | undefined {
    return this.#json;
  }

  get jsonTextScreened(): boolean {
    return this.#jsonScreened;
  }

  get original(): string | undefined {
    if (this.#pending) {
      this.#pending = false;
      this.#original =
        this.#tsvHeader !== undefined
          ? originalFromTsv(
              this.#tsvHeader.fields,
              this.#tsvValues!,
              this.#tsvHeader.separator,
              this.originalMaxChars,
              this.#tsvLine,
            )
          : originalFromJson(this.#json!, this.originalMaxChars, this.#jsonScreened);
    }
    return this.#original;
  }

  set original(value: string | undefined) {
    this.#pending = false;
    this.#original = value;
  }
}
