import type { DialectName } from "../dialect/typeorm-dialect";

/** Column types of one database, as the Kysely store's migrations write them. */
interface Types {
  readonly id: string;
  readonly longKey: string;
  readonly messageId: string;
  readonly json: string;
  readonly tableOptions: string;
  readonly q: (name: string) => string;
}

const TYPES: Record<DialectName, Types> = {
  sqlite: { id: "text", longKey: "text", messageId: "text", json: "text", tableOptions: "", q: (n) => `"${n}"` },
  postgres: { id: `text collate "C"`, longKey: `text collate "C"`, messageId: `text collate "C"`, json: "json", tableOptions: "", q: (n) => `"${n}"` },
  mysql: {
    id: "varchar(191)", longKey: "varchar(320)", messageId: "varchar(512)", json: "longtext",
    tableOptions: " character set utf8mb4 collate utf8mb4_bin", q: (n) => `\`${n}\``,
  },
};

/** A column: name, type (or a key of the dialect's types), and what follows the type. */
type Column = readonly [name: string, type: string, rest?: string];

/**
 * The DDL text of the shared schema, byte for byte what `@spoc/store-kysely`'s migrations send,
 * so a database migrated by either adapter has the same tables and indexes.
 * @example ddl("sqlite").table("spoc_cursors", [["key", "id", "not null"]])
 */
export function ddl(dialect: DialectName) {
  const t = TYPES[dialect];
  const q = t.q;
  const type = (x: string) => (x === "id" ? t.id : x === "longKey" ? t.longKey : x === "messageId" ? t.messageId : x === "json" ? t.json : x);
  const column = ([name, ty, rest]: Column) => `${q(name)} ${type(ty)}${rest ? ` ${rest}` : ""}`;
  return {
    table(name: string, columns: ReadonlyArray<Column>, primaryKey?: ReadonlyArray<string>): string {
      const pk = primaryKey ? `, constraint ${q(`${name}_pk`)} primary key (${primaryKey.map(q).join(", ")})` : "";
      return `create table if not exists ${q(name)} (${columns.map(column).join(", ")}${pk})${t.tableOptions}`;
    },
    index(name: string, table: string, columns: ReadonlyArray<string>, options: { unique?: boolean; where?: string } = {}): string {
      const where = options.where && dialect !== "mysql" ? ` where ${options.where}` : "";
      return `create ${options.unique ? "unique " : ""}index if not exists ${q(name)} on ${q(table)} (${columns.map(q).join(", ")})${where}`;
    },
    addColumn(table: string, c: Column): string {
      return `alter table ${q(table)} add column ${column(c)}`;
    },
    dropTable: (name: string) => `drop table if exists ${q(name)}`,
    dropIndex: (name: string, table: string) => (dialect === "mysql" ? `drop index ${q(name)} on ${q(table)}` : `drop index if exists ${q(name)}`),
    dropColumn: (table: string, name: string) => `alter table ${q(table)} drop column ${q(name)}`,
  };
}
