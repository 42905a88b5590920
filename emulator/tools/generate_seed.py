#!/usr/bin/env python3
"""Writes emulator/src/main/resources/seed/workspace.json.

The JSON file is the source of truth (committed); this script only saves typing. Everything is deterministic, so
re-running it gives the same file. Run: python3 emulator/tools/generate_seed.py
"""
import json, os, random

rnd = random.Random(20260101)
T0 = 1735689600000  # 2025-01-01T00:00:00Z, epoch ms

def col(name, type_name, type_text=None, comment=None, nullable=True, tags=None, precision=None, scale=None):
    c = {"name": name, "type_name": type_name, "type_text": type_text or type_name.lower(), "nullable": nullable}
    if comment: c["comment"] = comment
    if precision is not None: c["type_precision"] = precision
    if scale is not None: c["type_scale"] = scale
    if tags: c["tags"] = tags
    return c

DEC = lambda n, c=None, **kw: col(n, "DECIMAL", "decimal(18,2)", c, precision=18, scale=2, **kw)
SCI = {"classification": "SCI"}
# Databricks' automatic data classification tags columns with system tags class.<kind> (no value); they do not
# change what classification=SCI covers, but an SCI policy may name them (e.g. hide every class.email_address column)
CLASS = lambda kind: {f"class.{kind}": ""}

def table(name, comment, columns, rows=None, tags=None, table_type="MANAGED", view_definition=None, owner=None):
    t = {"name": name, "table_type": table_type, "comment": comment, "columns": columns}
    if table_type != "VIEW": t["data_source_format"] = "DELTA"
    if view_definition: t["view_definition"] = view_definition
    if rows is not None: t["rows"] = rows
    if tags: t["tags"] = tags
    if owner: t["owner"] = owner
    return t

regions = ["EMEA", "AMER", "APAC"]
countries = ["DE", "FR", "US", "CA", "JP", "AU", "NL", "BR"]
first = ["Ada", "Linus", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Donald", "Frances", "John", "Radia"]
last = ["Lovelace", "Torvalds", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Knuth", "Allen", "Backus", "Perlman"]

customers = []
for i in range(1, 25):
    f, l = first[i % len(first)], last[(i * 5) % len(last)]
    customers.append([i, f"{f} {l}", f"{f.lower()}.{l.lower()}@example.com", countries[i % len(countries)], regions[i % 3],
                      f"2024-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}"])
pii = [[c[0], f"19{60 + c[0] % 35}-{(c[0] % 12) + 1:02d}-{(c[0] % 28) + 1:02d}", f"+49 30 {1000000 + c[0] * 7919}",
        f"DE{89370400440532013000 + c[0]:020d}"] for c in customers]
products = [[i, n, cat, f"{p:.2f}"] for i, (n, cat, p) in enumerate([
    ("Lakehouse Mug", "merch", 12.5), ("Delta Hoodie", "merch", 49.0), ("Spark Sticker Pack", "merch", 4.99),
    ("SQL Warehouse Credit", "service", 100.0), ("Genie Training", "service", 750.0), ("Unity Catalog Audit", "service", 1200.0),
    ("Photon Poster", "merch", 19.9), ("Serverless Workshop", "service", 2500.0)], start=1)]
orders = []
for i in range(1, 61):
    c = customers[(i * 7) % len(customers)]
    pr = products[(i * 3) % len(products)]
    qty = (i % 4) + 1
    orders.append([1000 + i, c[0], pr[0], qty, f"{float(pr[3]) * qty:.2f}", f"2025-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
                   ["OPEN", "SHIPPED", "DELIVERED", "RETURNED"][i % 4], c[4]])

catalogs = []

# ---------------------------------------------------------------- sales (bob's only catalog)
sales_schemas = [
    {"name": "orders", "comment": "Order lines and fulfilment", "tables": [
        table("orders", "One row per order", [
            col("order_id", "LONG", "bigint", "Order identifier", nullable=False),
            col("customer_id", "LONG", "bigint", "References sales.customers.customers"),
            col("product_id", "INT", "int", "References sales.reference.products"),
            col("quantity", "INT", "int", "Units ordered"),
            DEC("amount", "Order value in EUR"),
            col("order_date", "DATE", "date", "Day the order was placed"),
            col("status", "STRING", "string", "OPEN, SHIPPED, DELIVERED or RETURNED"),
            col("region", "STRING", "string", "Sales region")], rows=orders),
        table("returns", "Returned orders", [
            col("order_id", "LONG", "bigint", "Returned order", nullable=False),
            col("reason", "STRING", "string", "Free-text return reason"),
            col("returned_at", "TIMESTAMP", "timestamp", "When the return arrived")],
            rows=[[o[0], ["damaged", "wrong size", "not needed"][o[0] % 3], f"{o[5]} 10:00:00"] for o in orders if o[6] == "RETURNED"]),
        table("daily_revenue", "Revenue per day and region", [
            col("order_date", "DATE", "date"), col("region", "STRING", "string"), DEC("revenue")],
            table_type="VIEW",
            view_definition="SELECT order_date, region, SUM(amount) AS revenue FROM sales.orders.orders GROUP BY order_date, region"),
    ]},
    {"name": "customers", "comment": "Customer master data", "tables": [
        table("customers", "Customer accounts", [
            col("customer_id", "LONG", "bigint", "Customer identifier", nullable=False),
            col("name", "STRING", "string", "Display name", tags=CLASS("name")),
            col("email", "STRING", "string", "Contact e-mail address", tags={**SCI, **CLASS("email_address")}),
            col("country", "STRING", "string", "ISO country code"),
            col("region", "STRING", "string", "Sales region"),
            col("signup_date", "DATE", "date", "Account creation day")], rows=customers),
        table("customer_pii", "Personal data of customers (birth date, phone, IBAN)", [
            col("customer_id", "LONG", "bigint", nullable=False),
            col("date_of_birth", "DATE", "date", "Date of birth"),
            col("phone", "STRING", "string", "Phone number", tags=CLASS("phone_number")),
            col("iban", "STRING", "string", "Bank account", tags=CLASS("iban"))], rows=pii, tags=SCI),
        table("customer_segments", "Marketing segment per customer", [
            col("customer_id", "LONG", "bigint", nullable=False), col("segment", "STRING", "string", "gold, silver or bronze")],
            rows=[[c[0], ["gold", "silver", "bronze"][c[0] % 3]] for c in customers]),
    ]},
    {"name": "reference", "comment": "Reference data shared by sales pipelines", "tables": [
        table("products", "Product catalogue", [
            col("product_id", "INT", "int", nullable=False), col("name", "STRING", "string", "Product name"),
            col("category", "STRING", "string", "merch or service"), DEC("list_price", "List price in EUR")], rows=products),
        table("regions", "Sales regions", [col("region", "STRING", "string", nullable=False), col("manager", "STRING", "string")],
              rows=[["EMEA", "Ada Lovelace"], ["AMER", "Grace Hopper"], ["APAC", "Ken Thompson"]]),
    ]},
]
staging = []
for y in (2024, 2025):
    for m in range(1, 13):
        for kind in ("orders", "payments", "refunds"):
            staging.append(table(f"stg_{kind}_{y}_{m:02d}", f"Raw {kind} landed for {y}-{m:02d}", [
                col("id", "LONG", "bigint", nullable=False), col("payload", "STRING", "string", "Raw JSON payload"),
                col("ingested_at", "TIMESTAMP", "timestamp")]))
staging.append(table("load_audit", "Staging load audit trail (writable by analysts)", [
    col("load_id", "LONG", "bigint", nullable=False), col("source", "STRING", "string"), col("rows_loaded", "LONG", "bigint"),
    col("loaded_at", "TIMESTAMP", "timestamp")], rows=[[1, "orders", 60, "2025-06-01 02:00:00"], [2, "payments", 58, "2025-06-01 02:05:00"]]))
sales_schemas.append({"name": "staging", "comment": "Landing zone for raw feeds", "tables": staging})
catalogs.append({"name": "sales", "comment": "Sales domain: orders, customers, reference data", "owner": "sales-admins",
                 "schemas": sales_schemas})

# ---------------------------------------------------------------- finance
accounts = [[i, n, t] for i, (n, t) in enumerate([("Cash", "ASSET"), ("Receivables", "ASSET"), ("Revenue", "INCOME"),
                                                   ("Salaries", "EXPENSE"), ("Cloud", "EXPENSE"), ("Travel", "EXPENSE")], start=1)]
entries = [[i, accounts[i % 6][0], f"2025-{(i % 12) + 1:02d}-15", f"{(i * 137) % 9000 + 100:.2f}", ["debit", "credit"][i % 2]] for i in range(1, 41)]
fin_schemas = [
    {"name": "ledger", "comment": "General ledger", "tables": [
        table("accounts", "Chart of accounts", [col("account_id", "INT", "int", nullable=False), col("name", "STRING", "string"),
                                                col("account_type", "STRING", "string", "ASSET, INCOME or EXPENSE")], rows=accounts),
        table("journal_entries", "Posted journal entries", [
            col("entry_id", "LONG", "bigint", nullable=False), col("account_id", "INT", "int"), col("posting_date", "DATE", "date"),
            DEC("amount"), col("side", "STRING", "string", "debit or credit")], rows=entries),
    ]},
    {"name": "payroll", "comment": "Salaries and bonuses", "tags": SCI, "tables": [
        table("salaries", "Monthly salary per employee", [
            col("employee_id", "LONG", "bigint", nullable=False), col("month", "DATE", "date"), DEC("gross"), DEC("net")],
            # odd cents so every amount is a distinctive string a leak test can search answers for (Seed.sciValues())
            rows=[[e, f"2025-{m:02d}-01", f"{5000 + e * 113 + m * 7}.{(e * 29 + m * 13) % 89 + 10}",
                   f"{3200 + e * 71 + m * 3}.{(e * 31 + m * 17) % 89 + 10}"] for e in range(1, 9) for m in (1, 2)]),
        table("bonuses", "Annual bonuses", [col("employee_id", "LONG", "bigint", nullable=False), col("year", "INT", "int"), DEC("bonus")],
              rows=[[e, 2024, f"{e * 750 + 31}.{(e * 17) % 89 + 10}"] for e in range(1, 9)]),
    ]},
    {"name": "reporting", "comment": "Curated finance reports", "tables": [
        table("monthly_pnl", "Profit and loss per month", [col("month", "DATE", "date", nullable=False), DEC("income"), DEC("expense"), DEC("profit")],
              rows=[[f"2025-{m:02d}-01", f"{100000 + m * 5000:.2f}", f"{70000 + m * 3000:.2f}", f"{30000 + m * 2000:.2f}"] for m in range(1, 13)]),
        table("expense_by_account", "Expenses per account", [col("account_name", "STRING", "string"), DEC("total")], table_type="VIEW",
              view_definition="SELECT a.name AS account_name, SUM(e.amount) AS total FROM finance.ledger.journal_entries e JOIN finance.ledger.accounts a ON a.account_id = e.account_id WHERE a.account_type = 'EXPENSE' GROUP BY a.name"),
    ]},
    {"name": "forecasts", "comment": "Planning scenarios", "tables": [
        table(f"forecast_{s}_{q}", f"{s.title()} scenario forecast for {q.upper()}", [
            col("month", "DATE", "date"), col("metric", "STRING", "string"), col("value", "DOUBLE", "double")])
        for s in ("base", "optimistic", "pessimistic", "stress") for q in ("q1", "q2", "q3", "q4")]},
]
catalogs.append({"name": "finance", "comment": "Finance domain: ledger, payroll, reporting", "owner": "finance-admins",
                 "schemas": fin_schemas})

# ---------------------------------------------------------------- hr (SCI at catalog level)
employees = [[i, f"{first[i % 12]} {last[(i * 7) % 12]}", ["Engineering", "Sales", "Finance", "People"][i % 4], f"20{15 + i % 10}-0{(i % 9) + 1}-01", 1 + (i % 3)] for i in range(1, 21)]
catalogs.append({"name": "hr", "comment": "Human resources (strictly confidential)", "owner": "hr-admins", "tags": SCI, "schemas": [
    {"name": "people", "comment": "Employee records", "tables": [
        table("employees", "Current employees", [col("employee_id", "LONG", "bigint", nullable=False), col("full_name", "STRING", "string", tags=CLASS("name")),
              col("department", "STRING", "string"), col("hire_date", "DATE", "date"), col("level", "INT", "int")], rows=employees),
        table("performance_reviews", "Annual reviews", [col("employee_id", "LONG", "bigint"), col("year", "INT", "int"), col("rating", "STRING", "string")],
              rows=[[e[0], 2024, ["meets", "exceeds", "below"][e[0] % 3]] for e in employees]),
    ] + [table(f"org_snapshot_{y}_{m:02d}", f"Organisation snapshot {y}-{m:02d}", [col("employee_id", "LONG", "bigint"), col("manager_id", "LONG", "bigint"),
              col("department", "STRING", "string")]) for y in (2024, 2025) for m in range(1, 13)]},
    {"name": "recruiting", "comment": "Candidates and requisitions", "tables": [
        table("candidates", "Applicants", [col("candidate_id", "LONG", "bigint", nullable=False), col("name", "STRING", "string", tags=CLASS("name")), col("stage", "STRING", "string")]),
        table("requisitions", "Open positions", [col("req_id", "LONG", "bigint", nullable=False), col("title", "STRING", "string"), col("department", "STRING", "string")]),
    ]},
]})

# ---------------------------------------------------------------- marketing (many tables, exercises paging)
events = []
for y in (2024, 2025):
    for m in range(1, 13):
        for kind in ("page_views", "clicks", "sessions"):
            events.append(table(f"{kind}_{y}_{m:02d}", f"Web {kind.replace('_', ' ')} for {y}-{m:02d}", [
                col("event_id", "STRING", "string", nullable=False), col("visitor_id", "STRING", "string"),
                col("url", "STRING", "string"), col("event_time", "TIMESTAMP", "timestamp"),
                col("properties", "MAP", "map<string,string>", "Free-form event properties")]))
campaigns = [[i, f"Campaign {i}", ["email", "search", "social"][i % 3], f"2025-{(i % 12) + 1:02d}-01", f"{i * 1500:.2f}"] for i in range(1, 16)]
catalogs.append({"name": "marketing", "comment": "Marketing domain: campaigns and web analytics", "owner": "marketing-admins", "schemas": [
    {"name": "campaigns", "comment": "Campaign plans and results", "tables": [
        table("campaigns", "Marketing campaigns", [col("campaign_id", "INT", "int", nullable=False), col("name", "STRING", "string"),
              col("channel", "STRING", "string"), col("start_date", "DATE", "date"), DEC("budget")], rows=campaigns),
        table("leads", "Leads generated by campaigns", [col("lead_id", "LONG", "bigint", nullable=False), col("campaign_id", "INT", "int"),
              col("email", "STRING", "string", "Lead e-mail", tags={**SCI, **CLASS("email_address")}), col("score", "DOUBLE", "double")],
              rows=[[i, (i % 15) + 1, f"lead{i}@example.org", round((i * 37 % 100) / 10.0, 1)] for i in range(1, 31)]),
        table("campaign_roi", "Budget per channel", [col("channel", "STRING", "string"), DEC("budget")], table_type="VIEW",
              view_definition="SELECT channel, SUM(budget) AS budget FROM marketing.campaigns.campaigns GROUP BY channel"),
    ]},
    {"name": "web_analytics", "comment": "Clickstream by month", "tables": events},
]})

for ci, c in enumerate(catalogs):
    c.setdefault("catalog_type", "MANAGED_CATALOG")
    for si, s in enumerate(c["schemas"]):
        s.setdefault("owner", c["owner"])
        for t in s["tables"]:
            t.setdefault("owner", s["owner"])

users = [
    {"user_name": "alice@lakegate.dev", "display_name": "Alice Analyst", "given_name": "Alice", "family_name": "Analyst",
     "id": "7556761598142352", "groups": ["analysts"], "metastore_admin": False},
    {"user_name": "bob@lakegate.dev", "display_name": "Bob Builder", "given_name": "Bob", "family_name": "Builder",
     "id": "4451102250876633", "groups": ["sales-readers"], "metastore_admin": False},
    {"user_name": "carol@lakegate.dev", "display_name": "Carol Admin", "given_name": "Carol", "family_name": "Admin",
     "id": "1203344587219904", "groups": ["admins"], "metastore_admin": True},
]
A, B = "alice@lakegate.dev", "bob@lakegate.dev"
R = ["USE_CATALOG", "USE_SCHEMA", "SELECT"]
grants = [
    {"principal": A, "securable_type": "CATALOG", "securable_name": "sales", "privileges": R},
    {"principal": A, "securable_type": "SCHEMA", "securable_name": "sales.staging", "privileges": ["MODIFY", "CREATE_TABLE"]},
    {"principal": A, "securable_type": "CATALOG", "securable_name": "marketing", "privileges": R},
    {"principal": A, "securable_type": "CATALOG", "securable_name": "finance", "privileges": ["USE_CATALOG"]},
    {"principal": A, "securable_type": "SCHEMA", "securable_name": "finance.ledger", "privileges": ["USE_SCHEMA", "SELECT"]},
    {"principal": A, "securable_type": "SCHEMA", "securable_name": "finance.reporting", "privileges": ["USE_SCHEMA", "SELECT"]},
    {"principal": A, "securable_type": "SCHEMA", "securable_name": "finance.payroll", "privileges": ["USE_SCHEMA", "SELECT"]},
    {"principal": B, "securable_type": "CATALOG", "securable_name": "sales", "privileges": ["USE_CATALOG"]},
    {"principal": B, "securable_type": "SCHEMA", "securable_name": "sales.orders", "privileges": ["USE_SCHEMA", "SELECT"]},
    {"principal": B, "securable_type": "SCHEMA", "securable_name": "sales.reference", "privileges": ["USE_SCHEMA", "SELECT"]},
    {"principal": B, "securable_type": "SCHEMA", "securable_name": "sales.customers", "privileges": ["USE_SCHEMA"]},
    {"principal": B, "securable_type": "TABLE", "securable_name": "sales.customers.customers", "privileges": ["SELECT"]},
]

C = "carol@lakegate.dev"
warehouses = [
    {"id": "a1b2c3d4e5f60718", "name": "Shared Pro Warehouse", "cluster_size": "Small", "warehouse_type": "PRO",
     "enable_serverless_compute": False, "state": "RUNNING", "can_use": [A, B, C]},
    {"id": "f0e1d2c3b4a59687", "name": "Finance Serverless", "cluster_size": "2X-Small", "warehouse_type": "PRO",
     "enable_serverless_compute": True, "state": "STOPPED", "can_use": [A, C]},
]
spaces = [
    {"space_id": "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4", "title": "Sales Pipeline", "warehouse_id": "a1b2c3d4e5f60718",
     "description": "Ask about orders, revenue and customers", "can_run": [A, B, C],
     "tables": ["sales.orders.orders", "sales.customers.customers", "sales.reference.products", "sales.customers.customer_pii"],
     "questions": [
         {"question": "How many orders are there?", "description": "Counts all orders",
          "sql": "SELECT COUNT(*) AS order_count FROM sales.orders.orders",
          "answer": "There are **{0} orders** in total."},
         {"question": "What is the revenue by region?", "description": "Sums order amounts per region",
          "sql": "SELECT region, SUM(amount) AS revenue FROM sales.orders.orders GROUP BY region ORDER BY region",
          "answer": "Revenue per region is shown in the table."},
         {"question": "Which products sell best?", "description": "Units sold per product",
          "sql": "SELECT p.name, SUM(o.quantity) AS units FROM sales.orders.orders o JOIN sales.reference.products p ON p.product_id = o.product_id GROUP BY p.name ORDER BY units DESC, p.name",
          "answer": "The best selling product is **{0}**."},
         {"question": "Which customers have a birthday this month?", "description": "Customers born in the current month (reads personal data)",
          "sql": "SELECT c.name, p.date_of_birth FROM sales.customers.customers c JOIN sales.customers.customer_pii p ON p.customer_id = c.customer_id WHERE MONTH(p.date_of_birth) = 6 ORDER BY c.name",
          "answer": "{0} has a birthday this month."},
         {"question": "What are the customers' email addresses?", "description": "Lists customer email addresses",
          "sql": "SELECT email FROM sales.customers.customers ORDER BY email",
          "answer": "The first customer email address is {0}."},
     ],
     # a governed tag (account tag policy data_domain): not SCI under the default policy
     "tags": {"data_domain": "sales"}},
    {"space_id": "01f0b2c3d4e5f6a7b8c9d0e1f2a3b4c5", "title": "Finance Insights", "warehouse_id": "f0e1d2c3b4a59687",
     "description": "Profit and loss, ledger and expenses", "can_run": [A, C],
     "tables": ["finance.reporting.monthly_pnl", "finance.ledger.journal_entries", "finance.ledger.accounts"],
     "questions": [
         {"question": "What was the profit per month?", "description": "Monthly profit from the P&L",
          "sql": "SELECT month, profit FROM finance.reporting.monthly_pnl ORDER BY month", "answer": "Monthly profit is shown in the table."},
         {"question": "What are the total expenses per account?", "description": "Expense totals",
          "sql": "SELECT a.name, SUM(e.amount) AS total FROM finance.ledger.journal_entries e JOIN finance.ledger.accounts a ON a.account_id = e.account_id WHERE a.account_type = 'EXPENSE' GROUP BY a.name ORDER BY a.name",
          "answer": "The largest expense account is shown first."},
     ]},
    {"space_id": "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "title": "People Analytics", "warehouse_id": "f0e1d2c3b4a59687",
     "description": "Headcount and reviews (confidential)", "can_run": [A, C], "tags": SCI,
     "tables": ["hr.people.employees", "hr.people.performance_reviews"],
     "questions": [
         {"question": "What is the headcount per department?", "description": "Employees per department",
          "sql": "SELECT department, COUNT(*) AS headcount FROM hr.people.employees GROUP BY department ORDER BY department",
          "answer": "Headcount per department is shown in the table."},
     ]},
]

seed = {"metastore_id": "3f1e2d4c-5b6a-4789-9abc-def012345678", "workspace_id": "1234567890123456",
        "created_at": T0, "server_page_size": 5, "default_catalog": "sales", "default_schema": "orders",
        "users": users, "grants": grants, "catalogs": catalogs, "warehouses": warehouses, "genie_spaces": spaces}
out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "seed", "workspace.json")
with open(out, "w") as f:
    json.dump(seed, f, indent=1)
    f.write("\n")
n = sum(len(s["tables"]) for c in catalogs for s in c["schemas"])
print(f"catalogs={len(catalogs)} schemas={sum(len(c['schemas']) for c in catalogs)} tables={n}")
