// The grammY peer of bench/peers, run by @grammyjs/runner.
//
// /whoami in one transaction, the same database work fitbot does per
// update: claim the update id, upsert the sender, read the profile; reply
// after COMMIT. node-postgres Pool of POOL connections. Stops on SIGTERM,
// or by itself when its parent dies.
//   node bot.js API_URL TOKEN DSN [POOL]
"use strict";
const { Bot } = require("grammy");
const { run } = require("@grammyjs/runner");
const { Pool } = require("pg");

const [api, token, dsn, size] = process.argv.slice(2);
const pool = new Pool({ connectionString: dsn, max: Number(size || 8) });
const bot = new Bot(token, { client: { apiRoot: api } });
const esc = (s) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

bot.command("whoami", async (ctx) => {
  const u = ctx.from;
  const c = await pool.connect();
  let row;
  try {
    await c.query("BEGIN");
    const claim = await c.query(
      "INSERT INTO peer_processed (update_id) VALUES ($1) ON CONFLICT DO NOTHING",
      [ctx.update.update_id]);
    if (claim.rowCount === 0) { // a redelivery: handled before
      await c.query("ROLLBACK");
      return;
    }
    await c.query(
      "INSERT INTO peer_users AS u (id, first_name, last_name, username) " +
        "VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET " +
        "first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, " +
        "username = EXCLUDED.username, updated_at = now()",
      [u.id, u.first_name, u.last_name ?? null, u.username ?? null]);
    const r = await c.query(
      "SELECT p.full_name FROM peer_users u LEFT JOIN peer_profiles p " +
        "ON p.user_id = u.id WHERE u.id = $1", [u.id]);
    row = r.rows[0];
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    c.release();
  }
  const text = row && row.full_name
    ? `<b>${esc(row.full_name)}</b>, id <code>${u.id}</code>`
    : `You are ${esc(u.first_name)}, id <code>${u.id}</code>, not registered yet. Send /start to register.`;
  await ctx.api.sendMessage(ctx.chat.id, text, { parse_mode: "HTML" });
});

const runner = run(bot, { runner: { fetch: { timeout: 10 } } });
const stop = async () => {
  if (runner.isRunning()) await runner.stop();
  await pool.end();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) stop(); }, 1000).unref();
bot.init().then(() => console.log("ready"));
