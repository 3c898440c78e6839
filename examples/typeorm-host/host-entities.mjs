// The host application's own model: customers and their orders, as TypeORM EntitySchemas, and
// the host's own migration. spoc knows nothing about these tables.
import { EntitySchema } from "typeorm";

export const Customer = new EntitySchema({
  name: "Customer",
  tableName: "customers",
  columns: {
    id: { type: "varchar", primary: true },
    name: { type: "varchar" },
    email: { type: "varchar" },
  },
});

export const Order = new EntitySchema({
  name: "Order",
  tableName: "orders",
  columns: {
    id: { type: "varchar", primary: true },
    customerId: { type: "varchar", name: "customer_id" },
    total: { type: "integer" },
    // The spoc ticket opened about this order, written in the same transaction as the order.
    ticketId: { type: "varchar", name: "ticket_id", nullable: true },
  },
});

export class CreateShop1700000000000 {
  name = "CreateShop1700000000000";
  async up(queryRunner) {
    await queryRunner.query(`create table customers (id varchar primary key, name varchar not null, email varchar not null)`);
    await queryRunner.query(`create table orders (id varchar primary key, customer_id varchar not null, total integer not null, ticket_id varchar)`);
  }
  async down(queryRunner) {
    await queryRunner.query(`drop table orders`);
    await queryRunner.query(`drop table customers`);
  }
}
