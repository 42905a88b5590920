#!/usr/bin/env python3
"""Generates the legitimate analytic corpus of issue 12 with expected answers
(connector/src/test/resources/guard-corpus/legitimate/*.sql).

Queries use only non-SCI tables and columns of the emulator seed, in the SQL subset Spark and SQLite agree on; the
expected answer is computed by SQLite over the seed's rows ('=> ' line: {"rows": [...], "ordered": bool}). SHOW and
DESCRIBE expectations are computed from the seed's metadata ({"column": name, "set": [...]}: that column of the
answer, as a set; SCI objects and columns are absent, as if they did not exist). Run from the repository root.
"""
import json
import os
import re
import sqlite3

SEED = "emulator/src/main/resources/seed/workspace.json"
OUT = "connector/src/test/resources/guard-corpus/legitimate"
TAG = ("classification", "SCI")


def tagged(o):
    return (o.get("tags") or {}).get(TAG[0]) == TAG[1]


def load():
    seed = json.load(open(SEED))
    db = sqlite3.connect(":memory:")
    meta = {}
    for c in seed["catalogs"]:
        for s in c["schemas"]:
            for t in s["tables"]:
                fq = f"{c['name']}.{s['name']}.{t['name']}"
                meta[fq] = (c, s, t)
                if t.get("view_definition"):
                    continue
                name = fq.replace(".", "__")
                cols = []
                for col in t["columns"]:
                    ty = col["type_text"]
                    sqlty = "INTEGER" if ty in ("bigint", "int") else "REAL" if (ty.startswith("decimal") or ty == "double") else "TEXT"
                    cols.append(f"{col['name']} {sqlty}")
                db.execute(f"CREATE TABLE {name} ({', '.join(cols)})")
                for r in t.get("rows", []):
                    vals = [float(x) if isinstance(x, str) and re.fullmatch(r"-?\d+\.\d+", x) else x for x in r]
                    db.execute(f"INSERT INTO {name} VALUES ({', '.join('?' * len(vals))})", vals)
    for fq, (c, s, t) in meta.items():
        if t.get("view_definition"):
            db.execute(f"CREATE VIEW {fq.replace('.', '__')} AS {to_sqlite(t['view_definition'])}")
    return seed, db, meta


def to_sqlite(sql):
    return re.sub(r"\b(sales|finance|marketing)\.(\w+)\.(\w+)\b", r"\1__\2__\3", sql)


def norm(v):
    if isinstance(v, float):
        return round(v, 4)
    return v


def main():
    seed, db, meta = load()
    Q = []  # (class, sql, ordered)

    def q(cls, sql, ordered=True, sqlite_sql=None):
        Q.append((cls, sql, ordered, sqlite_sql or sql))

    O = "sales.orders.orders"
    C = "sales.customers.customers"
    P = "sales.reference.products"
    R = "sales.reference.regions"
    RET = "sales.orders.returns"
    SEG = "sales.customers.customer_segments"
    A = "finance.ledger.accounts"
    J = "finance.ledger.journal_entries"
    PNL = "finance.reporting.monthly_pnl"
    CAM = "marketing.campaigns.campaigns"
    L = "marketing.campaigns.leads"

    # aggregates
    for t, key in [(O, "order_id"), (RET, "order_id"), (C, "customer_id"), (P, "product_id"), (R, "region"),
                   (A, "account_id"), (J, "entry_id"), (PNL, "month"), (CAM, "campaign_id"), (L, "lead_id"), (SEG, "customer_id")]:
        q("aggregates", f"SELECT count(*) AS n FROM {t}")
        q("aggregates", f"SELECT count(DISTINCT {key}) AS n FROM {t}")
    for col in ["region", "status"]:
        q("aggregates", f"SELECT {col}, count(*) AS n, sum(amount) AS total, min(amount) AS lo, max(amount) AS hi FROM {O} GROUP BY {col} ORDER BY {col}")
        q("aggregates", f"SELECT {col}, round(avg(amount), 2) AS avg_amount FROM {O} GROUP BY {col} ORDER BY {col}")
        q("aggregates", f"SELECT {col}, sum(quantity) AS units FROM {O} GROUP BY {col} HAVING sum(quantity) > 10 ORDER BY {col}")
    for col in ["country", "region"]:
        q("aggregates", f"SELECT {col}, count(*) AS n FROM {C} GROUP BY {col} ORDER BY n DESC, {col}")
    q("aggregates", f"SELECT category, count(*) AS n, max(list_price) AS top FROM {P} GROUP BY category ORDER BY category")
    q("aggregates", f"SELECT side, sum(amount) AS total FROM {J} GROUP BY side ORDER BY side")
    q("aggregates", f"SELECT account_id, side, count(*) AS n, sum(amount) AS total FROM {J} GROUP BY account_id, side ORDER BY account_id, side")
    q("aggregates", f"SELECT channel, count(*) AS n, sum(budget) AS budget FROM {CAM} GROUP BY channel ORDER BY channel")
    q("aggregates", f"SELECT campaign_id, count(*) AS leads, round(avg(score), 2) AS avg_score FROM {L} GROUP BY campaign_id ORDER BY campaign_id")
    q("aggregates", f"SELECT segment, count(*) AS n FROM {SEG} GROUP BY segment ORDER BY segment")
    q("aggregates", f"SELECT sum(income) AS income, sum(expense) AS expense, sum(profit) AS profit FROM {PNL}")
    q("aggregates", f"SELECT reason, count(*) AS n FROM {RET} GROUP BY reason ORDER BY n DESC, reason")
    q("aggregates", f"SELECT count(*) AS n FROM {O} WHERE amount > 100")
    q("aggregates", f"SELECT region, count(DISTINCT customer_id) AS buyers FROM {O} GROUP BY region ORDER BY region")
    q("aggregates", f"SELECT max(profit) - min(profit) AS spread FROM {PNL}")
    q("aggregates", f"SELECT account_type, count(*) AS n FROM {A} GROUP BY account_type ORDER BY account_type")

    # filters and expressions
    for st in ["OPEN", "SHIPPED", "DELIVERED", "RETURNED"]:
        q("filters", f"SELECT order_id, amount FROM {O} WHERE status = '{st}' ORDER BY order_id")
    for reg in ["EMEA", "APAC", "AMER"]:
        q("filters", f"SELECT order_id, quantity FROM {O} WHERE region = '{reg}' AND quantity >= 2 ORDER BY order_id")
        q("filters", f"SELECT name FROM {C} WHERE region = '{reg}' ORDER BY name")
    q("filters", f"SELECT order_id FROM {O} WHERE order_date >= '2025-06-01' ORDER BY order_id")
    q("filters", f"SELECT order_id FROM {O} WHERE order_date BETWEEN '2025-03-01' AND '2025-04-30' ORDER BY order_id")
    q("filters", f"SELECT name, list_price FROM {P} WHERE list_price BETWEEN 10 AND 50 ORDER BY name")
    q("filters", f"SELECT name FROM {P} WHERE name LIKE '%Mug%' ORDER BY name")
    q("filters", f"SELECT name FROM {C} WHERE name LIKE 'A%' ORDER BY name")
    q("filters", f"SELECT country FROM {C} WHERE country IN ('FR', 'DE', 'US') ORDER BY customer_id")
    q("filters", f"SELECT order_id, CASE WHEN amount >= 200 THEN 'big' WHEN amount >= 100 THEN 'mid' ELSE 'small' END AS size FROM {O} ORDER BY order_id")
    q("filters", f"SELECT upper(name) AS n, length(name) AS len FROM {P} ORDER BY product_id")
    q("filters", f"SELECT lower(category) AS c, substr(name, 1, 5) AS prefix FROM {P} ORDER BY product_id")
    q("filters", f"SELECT name || ' (' || country || ')' AS label FROM {C} ORDER BY customer_id")
    q("filters", f"SELECT coalesce(NULL, name) AS n FROM {A} ORDER BY account_id")
    q("filters", f"SELECT order_id, quantity * 2 AS doubled, amount + 1 AS plus FROM {O} WHERE order_id < 1010 ORDER BY order_id")
    q("filters", f"SELECT DISTINCT region FROM {O} ORDER BY region")
    q("filters", f"SELECT DISTINCT status, region FROM {O} ORDER BY status, region")
    q("filters", f"SELECT order_id FROM {O} ORDER BY amount DESC, order_id LIMIT 5")
    q("filters", f"SELECT entry_id, amount FROM {J} WHERE side = 'debit' AND amount > 200 ORDER BY entry_id")
    q("filters", f"SELECT month, profit FROM {PNL} WHERE profit > 30000 ORDER BY month")
    q("filters", f"SELECT name, budget FROM {CAM} WHERE channel <> 'search' ORDER BY campaign_id")
    q("filters", f"SELECT lead_id, score FROM {L} WHERE score > 5 ORDER BY lead_id")
    q("filters", f"SELECT order_id FROM {O} WHERE NOT (region = 'EMEA' OR status = 'OPEN') ORDER BY order_id")
    q("filters", f"SELECT abs(amount - 100) AS d FROM {O} ORDER BY order_id LIMIT 10")

    # joins
    q("joins", f"SELECT o.order_id, p.name FROM {O} o JOIN {P} p ON p.product_id = o.product_id ORDER BY o.order_id")
    q("joins", f"SELECT p.name, sum(o.quantity) AS units FROM {O} o JOIN {P} p ON p.product_id = o.product_id GROUP BY p.name ORDER BY units DESC, p.name")
    q("joins", f"SELECT c.name, count(o.order_id) AS orders FROM {C} c LEFT JOIN {O} o ON o.customer_id = c.customer_id GROUP BY c.name ORDER BY c.name")
    q("joins", f"SELECT c.country, sum(o.amount) AS revenue FROM {O} o JOIN {C} c ON c.customer_id = o.customer_id GROUP BY c.country ORDER BY c.country")
    q("joins", f"SELECT r.manager, count(*) AS n FROM {O} o JOIN {R} r ON r.region = o.region GROUP BY r.manager ORDER BY r.manager")
    q("joins", f"SELECT o.order_id, r.reason FROM {O} o JOIN {RET} r ON r.order_id = o.order_id ORDER BY o.order_id")
    q("joins", f"SELECT o.order_id FROM {O} o LEFT JOIN {RET} r ON r.order_id = o.order_id WHERE r.order_id IS NULL ORDER BY o.order_id")
    q("joins", f"SELECT a.name, sum(j.amount) AS total FROM {J} j JOIN {A} a ON a.account_id = j.account_id GROUP BY a.name ORDER BY a.name")
    q("joins", f"SELECT a.account_type, j.side, count(*) AS n FROM {J} j JOIN {A} a ON a.account_id = j.account_id GROUP BY a.account_type, j.side ORDER BY a.account_type, j.side")
    q("joins", f"SELECT s.segment, sum(o.amount) AS revenue FROM {O} o JOIN {SEG} s ON s.customer_id = o.customer_id GROUP BY s.segment ORDER BY s.segment")
    q("joins", f"SELECT c.name, s.segment FROM {C} c JOIN {SEG} s ON s.customer_id = c.customer_id ORDER BY c.customer_id")
    q("joins", f"SELECT cam.channel, count(l.lead_id) AS leads FROM {CAM} cam LEFT JOIN {L} l ON l.campaign_id = cam.campaign_id GROUP BY cam.channel ORDER BY cam.channel")
    q("joins", f"SELECT cam.name, max(l.score) AS best FROM {CAM} cam JOIN {L} l ON l.campaign_id = cam.campaign_id GROUP BY cam.name ORDER BY cam.name")
    q("joins", f"SELECT p.category, c.region, sum(o.amount) AS revenue FROM {O} o JOIN {P} p ON p.product_id = o.product_id JOIN {C} c ON c.customer_id = o.customer_id GROUP BY p.category, c.region ORDER BY p.category, c.region")
    q("joins", f"SELECT a.order_id, b.order_id AS other FROM {O} a JOIN {O} b ON a.customer_id = b.customer_id AND a.order_id < b.order_id ORDER BY a.order_id, b.order_id")
    q("joins", f"SELECT r.region, r.manager, count(c.customer_id) AS customers FROM {R} r LEFT JOIN {C} c ON c.region = r.region GROUP BY r.region, r.manager ORDER BY r.region")
    q("joins", f"SELECT o.order_id, p.name, c.name AS customer FROM {O} o JOIN {P} p ON p.product_id = o.product_id JOIN {C} c ON c.customer_id = o.customer_id WHERE o.amount > 150 ORDER BY o.order_id")
    q("joins", f"SELECT p.name FROM {P} p WHERE p.product_id NOT IN (SELECT product_id FROM {O}) ORDER BY p.name")
    q("joins", f"SELECT c.name, o.order_id FROM {C} c CROSS JOIN {R} r JOIN {O} o ON o.customer_id = c.customer_id AND o.region = r.region ORDER BY o.order_id")
    for reg in ["EMEA", "APAC", "AMER"]:
        q("joins", f"SELECT p.name, sum(o.amount) AS revenue FROM {O} o JOIN {P} p ON p.product_id = o.product_id WHERE o.region = '{reg}' GROUP BY p.name ORDER BY p.name")

    # windows
    q("windows", f"SELECT order_id, row_number() OVER (ORDER BY order_id) AS rn FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, region, rank() OVER (PARTITION BY region ORDER BY amount DESC, order_id) AS rk FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, dense_rank() OVER (ORDER BY status) AS dr FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, sum(amount) OVER (PARTITION BY region ORDER BY order_id) AS running FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, count(*) OVER (PARTITION BY customer_id) AS per_customer FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, lag(amount) OVER (ORDER BY order_id) AS prev FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, lead(amount) OVER (ORDER BY order_id) AS nxt FROM {O} ORDER BY order_id")
    q("windows", f"SELECT month, profit, sum(profit) OVER (ORDER BY month) AS cumulative FROM {PNL} ORDER BY month")
    q("windows", f"SELECT month, profit - lag(profit) OVER (ORDER BY month) AS delta FROM {PNL} ORDER BY month")
    q("windows", f"SELECT entry_id, sum(amount) OVER (PARTITION BY account_id ORDER BY entry_id) AS balance FROM {J} ORDER BY entry_id")
    q("windows", f"SELECT product_id, name, rank() OVER (PARTITION BY category ORDER BY list_price DESC, product_id) AS r FROM {P} ORDER BY product_id")
    q("windows", f"SELECT campaign_id, budget, max(budget) OVER (PARTITION BY channel) AS top FROM {CAM} ORDER BY campaign_id")
    q("windows", f"SELECT order_id FROM (SELECT order_id, row_number() OVER (PARTITION BY region ORDER BY amount DESC, order_id) AS rn FROM {O}) t WHERE rn = 1 ORDER BY order_id")
    q("windows", f"SELECT lead_id, round(avg(score) OVER (PARTITION BY campaign_id), 2) AS avg_score FROM {L} ORDER BY lead_id")
    q("windows", f"SELECT order_id, first_value(order_id) OVER (PARTITION BY region ORDER BY order_id) AS first_in_region FROM {O} ORDER BY order_id")
    q("windows", f"SELECT order_id, ntile(4) OVER (ORDER BY order_id) AS quartile FROM {O} ORDER BY order_id")
    q("windows", f"SELECT customer_id, count(*) OVER () AS total FROM {C} ORDER BY customer_id")
    q("windows", f"SELECT order_id, sum(quantity) OVER (ORDER BY order_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving FROM {O} ORDER BY order_id")

    # CTEs
    q("ctes", f"WITH r AS (SELECT region, sum(amount) AS revenue FROM {O} GROUP BY region) SELECT region, revenue FROM r ORDER BY revenue DESC, region")
    q("ctes", f"WITH big AS (SELECT * FROM {O} WHERE amount > 150) SELECT count(*) AS n FROM big")
    q("ctes", f"WITH c AS (SELECT customer_id, count(*) AS n FROM {O} GROUP BY customer_id) SELECT n, count(*) AS customers FROM c GROUP BY n ORDER BY n")
    q("ctes", f"WITH a AS (SELECT product_id, sum(quantity) AS units FROM {O} GROUP BY product_id), b AS (SELECT p.name, a.units FROM a JOIN {P} p ON p.product_id = a.product_id) SELECT name, units FROM b ORDER BY units DESC, name")
    q("ctes", f"WITH m AS (SELECT month, income, expense FROM {PNL}) SELECT month, income - expense AS margin FROM m ORDER BY month")
    q("ctes", f"WITH d AS (SELECT account_id, sum(amount) AS total FROM {J} WHERE side = 'debit' GROUP BY account_id) SELECT a.name, d.total FROM d JOIN {A} a ON a.account_id = d.account_id ORDER BY a.name")
    q("ctes", f"WITH s AS (SELECT segment, customer_id FROM {SEG}) SELECT segment, count(*) AS n FROM s GROUP BY segment ORDER BY segment")
    q("ctes", f"WITH x AS (SELECT channel, budget FROM {CAM}), y AS (SELECT channel, sum(budget) AS b FROM x GROUP BY channel) SELECT channel, b FROM y WHERE b > 1000 ORDER BY channel")
    q("ctes", f"WITH orders AS (SELECT order_id FROM {O} WHERE region = 'EMEA') SELECT count(*) AS n FROM orders")
    q("ctes", f"WITH ranked AS (SELECT name, list_price, row_number() OVER (ORDER BY list_price DESC, name) AS rn FROM {P}) SELECT name FROM ranked WHERE rn <= 3 ORDER BY rn")
    q("ctes", f"WITH ret AS (SELECT order_id FROM {RET}) SELECT o.status, count(*) AS n FROM {O} o WHERE o.order_id IN (SELECT order_id FROM ret) GROUP BY o.status ORDER BY o.status")
    q("ctes", f"WITH customers AS (SELECT customer_id, name FROM {C}) SELECT name FROM customers WHERE customer_id <= 5 ORDER BY customer_id")
    for st in ["SHIPPED", "DELIVERED"]:
        q("ctes", f"WITH s AS (SELECT * FROM {O} WHERE status = '{st}') SELECT region, count(*) AS n FROM s GROUP BY region ORDER BY region")

    # subqueries and set operations
    q("subqueries", f"SELECT name FROM {C} WHERE customer_id IN (SELECT customer_id FROM {O} WHERE amount > 150) ORDER BY name")
    q("subqueries", f"SELECT name FROM {C} c WHERE EXISTS (SELECT 1 FROM {O} o WHERE o.customer_id = c.customer_id AND o.status = 'RETURNED') ORDER BY name")
    q("subqueries", f"SELECT name FROM {C} c WHERE NOT EXISTS (SELECT 1 FROM {O} o WHERE o.customer_id = c.customer_id) ORDER BY name")
    q("subqueries", f"SELECT order_id FROM {O} WHERE amount > (SELECT avg(amount) FROM {O}) ORDER BY order_id")
    q("subqueries", f"SELECT order_id, (SELECT name FROM {P} p WHERE p.product_id = o.product_id) AS product FROM {O} o ORDER BY order_id")
    q("subqueries", f"SELECT region, total FROM (SELECT region, sum(amount) AS total FROM {O} GROUP BY region) t WHERE total > 1000 ORDER BY region")
    q("subqueries", f"SELECT max(total) AS best FROM (SELECT customer_id, sum(amount) AS total FROM {O} GROUP BY customer_id) t")
    q("subqueries", f"SELECT name FROM {P} WHERE list_price = (SELECT max(list_price) FROM {P})")
    q("subqueries", f"SELECT o.order_id FROM {O} o WHERE o.amount = (SELECT max(o2.amount) FROM {O} o2 WHERE o2.region = o.region) ORDER BY o.order_id")
    q("subqueries", f"SELECT region FROM {O} UNION SELECT region FROM {R} ORDER BY region")
    q("subqueries", f"SELECT region FROM {C} UNION ALL SELECT region FROM {R} ORDER BY region")
    q("subqueries", f"SELECT customer_id FROM {C} INTERSECT SELECT customer_id FROM {O} ORDER BY customer_id")
    q("subqueries", f"SELECT customer_id FROM {C} EXCEPT SELECT customer_id FROM {O} ORDER BY customer_id")
    q("subqueries", f"SELECT 'orders' AS t, count(*) AS n FROM {O} UNION ALL SELECT 'returns', count(*) FROM {RET} ORDER BY t")
    q("subqueries", f"SELECT count(*) AS n FROM (SELECT DISTINCT customer_id FROM {O}) t")
    q("subqueries", f"SELECT a.name FROM {A} a WHERE a.account_id IN (SELECT account_id FROM {J} GROUP BY account_id HAVING count(*) > 5) ORDER BY a.name")
    q("subqueries", f"SELECT campaign_id FROM {CAM} WHERE campaign_id NOT IN (SELECT campaign_id FROM {L}) ORDER BY campaign_id")
    q("subqueries", f"SELECT name, (SELECT count(*) FROM {L} l WHERE l.campaign_id = c.campaign_id) AS leads FROM {CAM} c ORDER BY campaign_id")

    # views (untagged views over non-SCI tables)
    q("views", "SELECT region, sum(revenue) AS revenue FROM sales.orders.daily_revenue GROUP BY region ORDER BY region")
    q("views", "SELECT count(*) AS n FROM sales.orders.daily_revenue")
    q("views", "SELECT account_name, total FROM finance.reporting.expense_by_account ORDER BY account_name")
    q("views", "SELECT channel, budget FROM marketing.campaigns.campaign_roi ORDER BY channel")
    q("views", "SELECT max(revenue) AS top FROM sales.orders.daily_revenue")

    # SELECT * over tables with an SCI column: the answer is the table without that column
    q("star", f"SELECT * FROM {C} ORDER BY customer_id", True)
    q("star", f"SELECT * FROM {L} ORDER BY lead_id", True)
    q("star", f"SELECT c.* FROM {C} c WHERE c.region = 'EMEA' ORDER BY c.customer_id", True)
    q("star", f"SELECT * FROM {O} ORDER BY order_id", True)
    q("star", f"SELECT * FROM {P} ORDER BY product_id", True)

    # one/two-part names against the default catalog sales and schema orders
    q("names", "SELECT count(*) AS n FROM orders", sqlite_sql=f"SELECT count(*) AS n FROM {O}")
    q("names", "SELECT count(*) AS n FROM orders.returns", sqlite_sql=f"SELECT count(*) AS n FROM {RET}")
    q("names", "SELECT count(*) AS n FROM reference.products", sqlite_sql=f"SELECT count(*) AS n FROM {P}")
    q("names", "SELECT `region`, count(*) AS n FROM `sales`.`orders`.`orders` GROUP BY `region` ORDER BY `region`",
      sqlite_sql=f"SELECT region, count(*) AS n FROM {O} GROUP BY region ORDER BY region")
    q("names", "SELECT count(*) AS n FROM SALES.ORDERS.ORDERS", sqlite_sql=f"SELECT count(*) AS n FROM {O}")

    entries = {}
    for cls, sql, ordered, sqlite_sql in Q:
        cur = db.execute(to_sqlite(sqlite_sql))
        rows = [[norm(v) for v in r] for r in cur.fetchall()]
        if sql.startswith("SELECT * FROM sales.customers.customers") or sql.startswith("SELECT c.* FROM sales.customers.customers"):
            rows = [[v for i, v in enumerate(r) if i != 2] for r in rows]      # email is SCI: not in the answer
        if sql.startswith("SELECT * FROM marketing.campaigns.leads"):
            rows = [[v for i, v in enumerate(r) if i != 2] for r in rows]
        entries.setdefault(cls, []).append((sql, {"rows": rows, "ordered": ordered}))

    # SHOW / DESCRIBE: expected from the seed's metadata, SCI objects and columns absent
    def visible_tables(cat, sch):
            c, s = next((c, s) for c in seed["catalogs"] if c["name"] == cat for s in c["schemas"] if s["name"] == sch)
            return sorted(t["name"] for t in s["tables"] if not tagged(t))
    for cat, sch in [("sales", "orders"), ("sales", "customers"), ("sales", "reference"), ("finance", "ledger"),
                     ("finance", "reporting"), ("marketing", "campaigns")]:
        entries.setdefault("show-describe", []).append((f"SHOW TABLES IN {cat}.{sch}",
                                                        {"column": "tableName", "set": visible_tables(cat, sch)}))
    # catalogs where alice and carol see every schema (alice holds grants on only some finance schemas)
    for cat in ["sales", "marketing"]:
        c = next(c for c in seed["catalogs"] if c["name"] == cat)
        entries["show-describe"].append((f"SHOW SCHEMAS IN {cat}", {"column": "databaseName", "set": sorted(
            s["name"] for s in c["schemas"] if not tagged(s))}))
    for fq in ["sales.orders.orders", "sales.customers.customers", "sales.reference.products", "finance.ledger.accounts",
               "marketing.campaigns.leads", "marketing.campaigns.campaigns"]:
        c, s, t = meta[fq]
        entries["show-describe"].append((f"DESCRIBE TABLE {fq}", {"column": "col_name", "set": [
            col["name"] for col in t["columns"] if not tagged(col)]}))
        entries["show-describe"].append((f"SHOW COLUMNS IN {fq}", {"column": "col_name", "set": [
            col["name"] for col in t["columns"] if not tagged(col)]}))

    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".sql"):
            os.remove(os.path.join(OUT, f))
    total = 0
    for cls, items in entries.items():
        with open(os.path.join(OUT, cls + ".sql"), "w") as out:
            out.write(f"# Legitimate corpus, {cls}. Generated by scripts/generate-legit-corpus.py: edit there.\n")
            for i, (sql, exp) in enumerate(items, 1):
                out.write(f"#### {cls}-{i:03d}\n{sql}\n=> {json.dumps(exp)}\n")
        total += len(items)
        print(f"  {cls}: {len(items)}")
    print(f"{total} legitimate queries")


if __name__ == "__main__":
    main()
