# Hostile query corpus for the SQL guard. Each entry: a line '#### <offending token the guard must name>'
# (compared case-insensitively), then the SQL (may span lines) up to the next '####' line. Every entry must be refused.
#### DROP
DROP TABLE sales.core.orders
#### DROP
DROP TABLE IF EXISTS orders
#### DROP
DROP VIEW sales.core.v_orders
#### DROP
DROP SCHEMA sales.core CASCADE
#### DROP
DROP CATALOG sales CASCADE
#### DROP
DROP FUNCTION sales.core.f
#### DELETE
DELETE FROM sales.core.orders
#### DELETE
DELETE FROM orders WHERE order_id > 0
#### UPDATE
UPDATE orders SET amount = 0
#### UPDATE
UPDATE sales.core.orders o SET o.status = 'void' WHERE o.region = 'EU'
#### INSERT
INSERT INTO orders VALUES (1, 2, 3, 4.0, current_timestamp(), 'EU', 'new')
#### INSERT
INSERT INTO orders SELECT * FROM orders
#### INSERT
INSERT INTO TABLE orders SELECT * FROM orders
#### INSERT
INSERT OVERWRITE TABLE orders SELECT * FROM orders WHERE 1 = 0
#### INSERT
INSERT OVERWRITE orders SELECT * FROM orders LIMIT 0
#### INSERT
INSERT INTO orders (order_id) VALUES (1)
#### INSERT
INSERT INTO orders REPLACE WHERE region = 'EU' SELECT * FROM orders
#### MERGE
MERGE INTO orders t USING orders s ON t.order_id = s.order_id WHEN MATCHED THEN DELETE
#### MERGE
MERGE INTO orders t USING (SELECT 1 AS order_id) s ON t.order_id = s.order_id WHEN MATCHED THEN UPDATE SET t.amount = 0
#### MERGE
MERGE INTO orders t USING orders s ON t.order_id = s.order_id WHEN NOT MATCHED THEN INSERT *
#### CREATE
CREATE TABLE sales.core.copy AS SELECT * FROM sales.core.customers
#### CREATE
CREATE OR REPLACE TABLE orders AS SELECT 1 AS order_id
#### CREATE
CREATE OR REPLACE VIEW sales.core.v_orders AS SELECT * FROM customers
#### CREATE
CREATE TEMPORARY VIEW leak AS SELECT * FROM hr.people.employees
#### CREATE
CREATE SCHEMA sales.scratch
#### CREATE
CREATE CATALOG scratch
#### CREATE
CREATE FUNCTION sales.core.f() RETURNS INT RETURN 1
#### CREATE
CREATE OR REPLACE TEMP FUNCTION f() RETURNS INT RETURN 1
#### CREATE
CREATE STREAMING TABLE s AS SELECT * FROM STREAM read_files('/Volumes/x')
#### CREATE
CREATE MATERIALIZED VIEW mv AS SELECT * FROM orders
#### CREATE
CREATE TABLE t (a INT) USING DELTA
#### CREATE
CREATE SHARE leak_share
#### CREATE
CREATE RECIPIENT outsider
#### CREATE
CREATE CONNECTION c TYPE postgresql OPTIONS (host 'x')
#### ALTER
ALTER TABLE orders ADD COLUMN note STRING
#### ALTER
ALTER TABLE customers ALTER COLUMN ssn UNSET TAGS ('classification')
#### ALTER
ALTER TABLE sales.core.credit_cards UNSET TAGS ('classification')
#### ALTER
ALTER TABLE orders SET TBLPROPERTIES ('delta.appendOnly' = 'false')
#### ALTER
ALTER TABLE orders RENAME TO orders_old
#### ALTER
ALTER VIEW v_orders AS SELECT * FROM customers
#### ALTER
ALTER SCHEMA sales.core OWNER TO `eve@lakegate.dev`
#### ALTER
ALTER SHARE s ADD TABLE hr.people.employees
#### TRUNCATE
TRUNCATE TABLE orders
#### TRUNCATE
TRUNCATE TABLE sales.core.orders PARTITION (region = 'EU')
#### GRANT
GRANT SELECT ON TABLE hr.people.employees TO `eve@lakegate.dev`
#### GRANT
GRANT ALL PRIVILEGES ON CATALOG hr TO `account users`
#### REVOKE
REVOKE SELECT ON TABLE orders FROM `bob@lakegate.dev`
#### SET
SET spark.sql.ansi.enabled = false
#### SET
SET TIME ZONE 'UTC'
#### SET
SET VAR x = 1
#### SET
SET TAG ON TABLE orders classification = 'public'
#### UNSET
UNSET TAG ON COLUMN sales.core.customers.ssn classification
#### RESET
RESET spark.sql.ansi.enabled
#### USE
USE CATALOG hr
#### USE
USE hr.people
#### USE
USE SCHEMA restricted
#### CALL
CALL sales.core.purge_orders()
#### EXECUTE
EXECUTE IMMEDIATE 'DROP TABLE sales.core.orders'
#### DECLARE
DECLARE VARIABLE v INT DEFAULT 1
#### REPLACE
REPLACE INTO orders VALUES (1)
#### UPSERT
UPSERT INTO orders VALUES (1)
#### COMMENT
COMMENT ON TABLE orders IS 'pwned'
#### EXPLAIN
EXPLAIN INSERT INTO orders VALUES (1)
#### EXPLAIN
EXPLAIN SELECT * FROM hr.people.employees
#### LOAD
LOAD DATA INPATH '/tmp/x' INTO TABLE orders
#### SYNC
SYNC SCHEMA sales.core FROM hive_metastore.core
#### OPTIMIZE
OPTIMIZE sales.core.orders
#### OPTIMIZE
OPTIMIZE orders ZORDER BY (region)
#### OPTIMIZE
OPTIMIZE orders WHERE order_ts >= '2024-01-01'
#### VACUUM
VACUUM sales.core.orders
#### VACUUM
VACUUM orders RETAIN 0 HOURS
#### VACUUM
VACUUM orders DRY RUN
#### REFRESH
REFRESH TABLE orders
#### REFRESH
REFRESH MATERIALIZED VIEW mv
#### REFRESH
REFRESH FUNCTION f
#### REFRESH
REFRESH '/mnt/data'
#### CACHE
CACHE TABLE orders
#### CACHE
CACHE LAZY TABLE leak AS SELECT * FROM hr.people.employees
#### CACHE
CACHE SELECT * FROM orders
#### UNCACHE
UNCACHE TABLE orders
#### CLEAR
CLEAR CACHE
#### MSCK
MSCK REPAIR TABLE orders
#### MSCK
MSCK REPAIR TABLE orders SYNC METADATA
#### FSCK
FSCK REPAIR TABLE orders
#### COPY
COPY INTO orders FROM 's3://bucket/orders' FILEFORMAT = CSV
#### COPY
COPY INTO sales.core.orders FROM (SELECT * FROM 's3://x') FILEFORMAT = PARQUET COPY_OPTIONS ('force' = 'true')
#### RESTORE
RESTORE TABLE orders TO VERSION AS OF 1
#### CONVERT
CONVERT TO DELTA parquet.`/mnt/raw/orders`
#### REORG
REORG TABLE orders APPLY (PURGE)
#### ANALYZE
ANALYZE TABLE orders COMPUTE STATISTICS
#### ADD
ADD JAR '/tmp/evil.jar'
#### ADD
ADD FILE '/tmp/x'
#### LIST
LIST '/Volumes/hr/people/files'
#### GET
GET '/Volumes/hr/people/files/a.csv' TO '/tmp/a.csv'
#### PUT
PUT '/tmp/a.csv' INTO '/Volumes/sales/core/files/a.csv'
#### REMOVE
REMOVE '/Volumes/sales/core/files/a.csv'
#### APPLY
APPLY CHANGES INTO orders FROM STREAM(src) KEYS (order_id) SEQUENCE BY ts
#### dRoP
dRoP tAbLe OrDeRs
#### delete
delete from orders
#### InSeRt
InSeRt InTo orders SELECT * FROM orders
#### oPtImIzE
oPtImIzE orders
#### vacuum
vacuum orders
#### Merge
Merge Into orders t Using orders s On t.order_id = s.order_id When Matched Then Delete
#### UPDATE
UPDATE	orders	SET	amount=0
#### DROP
DROP
TABLE
orders
#### DROP
   
	 DROP TABLE orders   
#### copy
copy into orders from 's3://x' fileformat = json
#### Grant
Grant Select On Table hr.people.employees To `eve`
#### TrUnCaTe
TrUnCaTe TABLE orders
#### DROP
/* harmless */ DROP TABLE orders
#### DROP
-- just reading
DROP TABLE orders
#### DELETE
/* SELECT 1 */ DELETE FROM orders
#### DROP
SELECT 1 /* */; DROP TABLE orders
#### DROP
SELECT 1; -- trailing
DROP TABLE orders
#### DELETE
SELECT 1 --
; DELETE FROM orders
#### DELETE
SELECT 1 /* ; */ ; DELETE FROM orders
#### DROP
SELECT 1 /* /* */ ; DROP TABLE orders; /* */ */
#### DROP
SELECT 1 /* unterminated DROP TABLE orders
#### UPDATE
SELECT 1 --x
;--y
UPDATE orders SET amount = 0
#### DROP
SELECT/**/1;/**/DROP/**/TABLE/**/orders
#### TRUNCATE
SELECT 1 -- \
; TRUNCATE TABLE orders
#### INSERT
SELECT * FROM orders /* comment */ ; /* comment */ INSERT INTO orders VALUES (1)
#### DROP
--
--
/**/DROP TABLE orders
#### MERGE
/*+ BROADCAST(o) */ MERGE INTO orders o USING orders s ON o.order_id = s.order_id WHEN MATCHED THEN DELETE
#### DROP
SELECT 'x'; DROP TABLE orders; --'
#### DROP
SELECT 'a\\'; DROP TABLE orders; --'
#### DELETE
SELECT 'it''s'; DELETE FROM orders
#### DROP
SELECT "x"; DROP TABLE orders
#### TRUNCATE
SELECT 1 WHERE 'DROP TABLE x' = ''; TRUNCATE TABLE orders
#### DELETE
SELECT '\'' ; DELETE FROM orders
#### DROP
SELECT 'a\\\\'; DROP TABLE orders
#### UPDATE
SELECT `x;y` FROM orders; UPDATE orders SET amount = 0
#### DROP
SELECT ';' AS sep; DROP TABLE orders
#### INSERT
SELECT '--' AS c; INSERT INTO orders VALUES (1)
#### DELETE
SELECT '/*' AS c; DELETE FROM orders; SELECT '*/'
#### '
SELECT 'unterminated; DROP TABLE orders
#### `
SELECT `unterminated FROM orders; DROP TABLE orders
#### DELETE
WITH x AS (DELETE FROM orders RETURNING *) SELECT * FROM x
#### INSERT
WITH x AS (INSERT INTO orders VALUES (1) RETURNING *) SELECT * FROM x
#### UPDATE
WITH x AS (UPDATE orders SET amount = 0 RETURNING *) SELECT * FROM x
#### DELETE
WITH a AS (SELECT 1 AS n), b AS (DELETE FROM orders RETURNING order_id) SELECT * FROM a
#### INSERT
WITH a AS (SELECT * FROM orders) INSERT INTO orders SELECT * FROM a
#### DELETE
WITH a AS (SELECT 1) DELETE FROM orders
#### UPDATE
WITH a AS (SELECT 1 AS n) UPDATE orders SET amount = 0
#### DELETE
SELECT * FROM (WITH x AS (DELETE FROM orders RETURNING *) SELECT * FROM x) y
#### DELETE
WITH outer_cte AS (WITH inner_cte AS (DELETE FROM orders RETURNING *) SELECT * FROM inner_cte) SELECT * FROM outer_cte
#### INTO
SELECT order_id INTO backup_orders FROM orders
#### INTO
SELECT * INTO leak FROM customers
#### FOR UPDATE
SELECT * FROM orders FOR UPDATE
#### FOR UPDATE
SELECT * FROM orders WHERE order_id = 1 FOR UPDATE NOWAIT
#### SELECT
SELECT 1; SELECT 2
#### DROP
SELECT * FROM orders; DROP TABLE orders
#### DROP
SELECT * FROM orders;
DROP TABLE orders;
#### DELETE
SELECT 1;;DELETE FROM orders
#### OPTIMIZE
SELECT 1; OPTIMIZE orders
#### VACUUM
SHOW TABLES IN marketing; VACUUM orders
#### SET
SELECT 1; SET spark.sql.ansi.enabled = false
#### USE
SELECT 1; USE CATALOG hr
#### GRANT
DESCRIBE orders; GRANT SELECT ON TABLE hr.people.employees TO `eve`
#### SELECT
SELECT 1;
SELECT * FROM hr.people.employees
#### INSERT
WITH a AS (SELECT 1) SELECT * FROM a; INSERT INTO orders VALUES (1)
#### CREATE
(SELECT 1); CREATE TABLE x (a INT)
#### sales.core.credit_cards
SELECT * FROM sales.core.credit_cards
#### sales.core.credit_cards
SELECT * FROM credit_cards
#### sales.core.credit_cards
SELECT * FROM core.credit_cards
#### sales.core.credit_cards
SELECT card_id FROM CREDIT_CARDS
#### sales.core.credit_cards
SELECT * FROM `sales`.`core`.`credit_cards`
#### sales.core.credit_cards
SELECT * FROM `Credit_Cards`
#### sales.core.credit_cards
SELECT * FROM SALES.Core.credit_cards
#### sales.core.credit_cards
SELECT c.pan FROM credit_cards c
#### sales.core.credit_cards
SELECT c.pan FROM credit_cards AS c
#### sales.core.credit_cards
SELECT count(*) FROM credit_cards
#### sales.core.credit_cards
SELECT 1 FROM credit_cards LIMIT 1
#### sales.core.credit_cards
WITH x AS (SELECT * FROM credit_cards) SELECT * FROM x
#### sales.core.credit_cards
WITH x AS (SELECT 1 AS n), y AS (SELECT pan FROM credit_cards) SELECT * FROM x
#### sales.core.credit_cards
WITH x AS (WITH y AS (SELECT pan FROM credit_cards) SELECT * FROM y) SELECT * FROM x
#### sales.core.credit_cards
SELECT * FROM (SELECT pan FROM credit_cards) t
#### sales.core.credit_cards
SELECT * FROM (SELECT * FROM (SELECT * FROM credit_cards) a) b
#### sales.core.credit_cards
SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM credit_cards)
#### sales.core.credit_cards
SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM credit_cards c WHERE c.customer_id = o.customer_id)
#### sales.core.credit_cards
SELECT order_id, (SELECT max(pan) FROM credit_cards) AS p FROM orders
#### sales.core.credit_cards
SELECT * FROM orders o JOIN credit_cards c ON o.customer_id = c.customer_id
#### sales.core.credit_cards
SELECT * FROM orders o LEFT JOIN sales.core.credit_cards c ON o.customer_id = c.customer_id
#### sales.core.credit_cards
SELECT * FROM orders, credit_cards
#### sales.core.credit_cards
SELECT * FROM orders CROSS JOIN credit_cards
#### sales.core.credit_cards
SELECT order_id FROM orders UNION ALL SELECT card_id FROM credit_cards
#### sales.core.credit_cards
SELECT order_id FROM orders INTERSECT SELECT card_id FROM credit_cards
#### sales.core.credit_cards
SELECT * FROM orders o, LATERAL (SELECT pan FROM credit_cards c WHERE c.customer_id = o.customer_id)
#### sales.core.credit_cards
SELECT region, count(*) FROM orders GROUP BY region HAVING count(*) > (SELECT count(*) FROM credit_cards)
#### sales.core.credit_cards
SELECT sum(amount) OVER (PARTITION BY region) FROM orders WHERE order_id IN (SELECT card_id FROM credit_cards)
#### sales.core.credit_cards
WITH credit_cards AS (SELECT 1 AS x) SELECT * FROM credit_cards
#### sales.core.credit_cards
SELECT * FROM (WITH credit_cards AS (SELECT 1 AS x) SELECT * FROM credit_cards) a JOIN credit_cards b ON 1 = 1
#### sales.core.credit_cards
WITH orders AS (SELECT * FROM credit_cards) SELECT * FROM orders
#### sales.core.credit_cards
SELECT * FROM orders WHERE order_id = (SELECT card_id FROM credit_cards LIMIT 1)
#### sales.core.credit_cards
SELECT CASE WHEN EXISTS (SELECT 1 FROM credit_cards) THEN 1 ELSE 0 END
#### sales.core.credit_cards
SELECT filter(array(1), x -> x IN (SELECT card_id FROM credit_cards))
#### sales.core.credit_cards
(SELECT pan FROM credit_cards)
#### sales.core.credit_cards
SELECT * FROM credit_cards@v1
#### sales.core.credit_cards
TABLE credit_cards
#### sales.core.credit_cards
SELECT * FROM orders o JOIN (sales.core.credit_cards c JOIN customers u ON c.customer_id = u.customer_id) ON 1 = 1
#### sales.restricted.leads
SELECT * FROM sales.restricted.leads
#### sales.restricted.leads
SELECT * FROM restricted.leads
#### sales.restricted.leads
SELECT phone FROM `restricted`.`LEADS`
#### sales.restricted.leads
SELECT o.* FROM orders o JOIN restricted.leads l ON o.order_id = l.lead_id
#### sales.restricted.leads
WITH l AS (SELECT * FROM restricted.leads) SELECT count(*) FROM l
#### hr.people.employees
SELECT * FROM hr.people.employees
#### hr.people.employees
SELECT name FROM `HR`.people.employees
#### hr.people.employees
SELECT avg(salary) FROM hr.people.employees
#### hr.people.employees
SELECT * FROM orders WHERE customer_id IN (SELECT emp_id FROM hr.people.employees)
#### hr.people.employees
WITH e AS (SELECT * FROM hr.people.employees) SELECT * FROM e
#### hr.people.reviews
SELECT * FROM hr.people.reviews
#### finance.payroll.salaries
SELECT sum(amount) FROM finance.payroll.salaries
#### finance.payroll.salaries
SELECT r.region FROM finance.reporting.revenue r JOIN finance.payroll.salaries s ON 1 = 1
#### ssn
SELECT ssn FROM customers
#### ssn
SELECT c.ssn FROM customers c
#### ssn
SELECT `SSN` FROM customers
#### ssn
SELECT SSN FROM sales.core.customers
#### ssn
SELECT name FROM customers WHERE ssn LIKE '123%'
#### email
SELECT name FROM customers ORDER BY email
#### email
SELECT email, count(*) FROM customers GROUP BY email
#### email
SELECT count(DISTINCT email) FROM customers
#### email
SELECT upper(email) AS e FROM customers
#### email
SELECT customers.email FROM customers
#### email
SELECT sales.core.customers.email FROM sales.core.customers
#### ssn
SELECT x FROM (SELECT ssn AS x FROM customers) t
#### email
WITH c AS (SELECT email FROM customers) SELECT * FROM c
#### email
SELECT o.*, c.email FROM orders o JOIN customers c ON o.customer_id = c.customer_id
#### ssn
SELECT transform(array(ssn), x -> x) FROM customers
#### ssn
SELECT CASE WHEN ssn IS NULL THEN 1 ELSE 0 END FROM customers
#### ssn
SELECT lag(ssn) OVER (ORDER BY created_at) FROM customers
#### ssn
SELECT a.ssn FROM (SELECT * FROM customers) a
#### email
SELECT customer_id FROM customers WHERE email = 'x@y.z'
#### ssn
SELECT o.order_id FROM orders o JOIN customers c USING (customer_id) WHERE c.ssn IS NOT NULL
#### ssn
SELECT o.order_id FROM orders o JOIN customers c ON o.customer_id = c.customer_id AND c.ssn > '0'
#### email
SELECT name FROM customers WHERE customer_id IN (SELECT customer_id FROM customers WHERE email LIKE '%@corp.com')
#### ssn
SELECT max_by(ssn, created_at) FROM customers
#### email
SELECT name, email AS contact FROM customers
#### ssn
SELECT concat(name, ssn) FROM customers
#### email
SELECT * FROM customers PIVOT (count(*) FOR email IN ('a', 'b'))
#### ssn
SELECT substr(ssn, 1, 3), count(*) FROM customers GROUP BY 1
#### email
SELECT name FROM customers QUALIFY row_number() OVER (PARTITION BY email ORDER BY created_at) = 1
#### ssn
SELECT ssn::string FROM customers
#### ssn
SELECT cast(ssn AS STRING) FROM customers
#### email
SELECT regexp_extract(email, '@(.*)', 1) AS domain FROM customers
#### ssn
SELECT name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND c.ssn = '1')
#### *
SELECT struct(*) FROM customers
#### *
SELECT to_json(struct(*)) FROM customers
#### c.*
SELECT hash(c.*) FROM customers c
#### *
SELECT * EXCEPT (name) FROM customers
#### NATURAL
SELECT * FROM orders NATURAL JOIN customers
#### *
SELECT * FROM customers LATERAL VIEW explode(array(1, 2)) t AS n
#### *
SELECT * FROM customers, (SELECT 1 AS n)
#### sales.core.v_customer_contacts
SELECT * FROM v_customer_contacts
#### sales.core.v_customer_contacts
SELECT customer_id FROM sales.core.v_customer_contacts
#### sales.core.v_cards
SELECT * FROM v_cards
#### sales.core.v_card_holders
SELECT name FROM v_card_holders
#### sales.core.v_all_customers
SELECT customer_id FROM v_all_customers
#### sales.core.v_staff
SELECT * FROM `V_STAFF`
#### sales.core.v_cards
WITH v AS (SELECT * FROM v_cards) SELECT count(*) FROM v
#### sales.core.v_staff
SELECT o.order_id FROM orders o JOIN v_staff s ON o.customer_id = s.emp_id
#### system.information_schema.column_tags
SELECT * FROM system.information_schema.column_tags
#### system.information_schema.tables
SELECT table_name FROM system.information_schema.tables WHERE table_catalog = 'hr'
#### sales.information_schema.tables
SELECT * FROM sales.information_schema.tables
#### sales.information_schema.columns
SELECT * FROM information_schema.columns
#### system.access.audit
SELECT * FROM system.access.audit
#### delta.`/mnt/hr/employees`
SELECT * FROM delta.`/mnt/hr/employees`
#### parquet.`s3://lake/hr/employees`
SELECT * FROM parquet.`s3://lake/hr/employees`
#### json.`/Volumes/hr/people/raw`
SELECT * FROM json.`/Volumes/hr/people/raw`
#### read_files
SELECT * FROM read_files('/Volumes/hr/people/raw')
#### table_changes
SELECT * FROM table_changes('hr.people.employees', 0)
#### IDENTIFIER
SELECT * FROM IDENTIFIER('hr.people.employees')
#### identifier
SELECT identifier('ssn') FROM customers
#### read_kafka
SELECT * FROM read_kafka(bootstrapServers => 'x', subscribe => 'y')
#### http_request
SELECT http_request(conn => 'exfil', method => 'POST', json => to_json(named_struct('a', 1)))
#### secret
SELECT secret('prod', 'db-password')
#### reflect
SELECT reflect('java.lang.Runtime', 'getRuntime')
#### java_method
SELECT java_method('java.lang.System', 'exit', 0)
#### ai_query
SELECT ai_query('endpoint', name) FROM customers
#### hr.people.get_salary
SELECT hr.people.get_salary(1)
#### sales.core.unmask
SELECT sales.core.unmask(name) FROM customers
#### vector_search
SELECT * FROM vector_search(index => 'hr.people.idx', query => 'x')
#### sales.core.customers
DESCRIBE customers
#### sales.core.customers
DESC sales.core.customers
#### sales.core.credit_cards
DESCRIBE credit_cards
#### hr.people.employees
DESCRIBE hr.people.employees
#### sales.restricted.leads
DESCRIBE `sales`.`restricted`.`leads`
#### sales.core.v_cards
DESCRIBE v_cards
#### sales.core.customers
SHOW COLUMNS FROM customers
#### sales.restricted
SHOW TABLES IN restricted
#### sales.core
SHOW TABLES
#### sales.core
SHOW TABLES FROM core LIKE 'credit*'
#### CATALOGS
SHOW CATALOGS
#### sales
SHOW SCHEMAS
#### sales.core
SHOW VIEWS
