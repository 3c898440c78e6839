/**
 * A base for errors shaped like a `Schema.TaggedError` (`_tag`, `name`, `message`, the same JSON)
 * that are plain `Error` subclasses, so the render path (`@spoc/reporting/render`) throws them
 * without loading effect. Effect code narrows on them with `Effect.catchTag(tag, …)`; they cannot
 * be `yield*`ed.
 * @example export class ReportLayoutError extends PlainTaggedError("ReportLayoutError") {}
 */
export const PlainTaggedError = <Tag extends string>(tag: Tag) =>
  class extends Error {
    readonly _tag: Tag = tag;
    override readonly name: string = tag;
    constructor(args: { readonly message: string }) {
      super(args.message);
    }
    /** The same JSON as a tagged error. */
    toJSON(): { readonly _tag: Tag; readonly message: string } {
      return { _tag: this._tag, message: this.message };
    }
  };
