# Legitimate analytical query corpus for the SQL guard (default namespace sales.core). Each entry: a '####' line,
# then the SQL up to the next '####' line. Every entry must be accepted, except those headed
# '#### false-refusal: <why>': Databricks syntax that Spark's grammar (the guard's parser) does not have. They count
# in the reported false-refusal rate and must stay refused until the grammar reads them, so that rate stays true.
####
SELECT * FROM orders
####
SELECT * FROM sales.core.orders LIMIT 10
####
SELECT order_id, amount FROM orders WHERE region = 'EU'
####
select order_id, amount from orders where amount > 100 order by amount desc limit 20
####
SELECT `order_id`, `amount` FROM `sales`.`core`.`orders`
####
SELECT o.order_id, o.amount FROM sales.core.orders AS o
####
SELECT region, sum(amount) AS revenue FROM orders GROUP BY region
####
SELECT region, count(*) AS n, avg(amount) AS avg_amount FROM orders GROUP BY region HAVING count(*) > 10 ORDER BY n DESC
####
SELECT date_trunc('MONTH', order_ts) AS month, sum(amount) FROM orders GROUP BY ALL ORDER BY month
####
SELECT region, status, count(*) FROM orders GROUP BY ALL
####
SELECT o.order_id, p.name, p.category FROM orders o JOIN products p ON o.product_id = p.product_id
####
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id
####
SELECT c.name, c.region, count(o.order_id) AS orders FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id GROUP BY c.name, c.region
####
SELECT o.order_id, s.carrier FROM orders o INNER JOIN shipments s ON s.order_id = o.order_id WHERE s.shipped_at IS NOT NULL
####
SELECT o.order_id FROM orders o RIGHT JOIN shipments s ON s.order_id = o.order_id
####
SELECT o.order_id, s.shipment_id FROM orders o FULL OUTER JOIN shipments s ON s.order_id = o.order_id
####
SELECT p.category, o.region FROM products p CROSS JOIN (SELECT DISTINCT region FROM orders) o
####
SELECT o.order_id FROM orders o JOIN products p USING (product_id)
####
SELECT order_id, amount, sum(amount) OVER (PARTITION BY region ORDER BY order_ts) AS running FROM orders
####
SELECT order_id, rank() OVER (PARTITION BY region ORDER BY amount DESC) AS r FROM orders
####
SELECT order_id, row_number() OVER (ORDER BY order_ts) AS rn FROM orders
####
SELECT order_id, lag(amount, 1) OVER (PARTITION BY customer_id ORDER BY order_ts) AS prev FROM orders
####
SELECT order_id, lead(amount) OVER (PARTITION BY customer_id ORDER BY order_ts) AS next_amount FROM orders
####
SELECT region, amount, avg(amount) OVER (PARTITION BY region ORDER BY order_ts ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS ma7 FROM orders
####
SELECT order_id, ntile(4) OVER (ORDER BY amount) AS quartile FROM orders
####
SELECT order_id, dense_rank() OVER w AS dr FROM orders WINDOW w AS (PARTITION BY region ORDER BY amount)
####
SELECT order_id, first_value(amount) OVER (PARTITION BY region ORDER BY order_ts) FROM orders
#### false-refusal: QUALIFY is Databricks syntax Spark 4.1's grammar lacks
SELECT * FROM orders QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY order_ts DESC) = 1
#### false-refusal: QUALIFY is Databricks syntax Spark 4.1's grammar lacks
SELECT customer_id, amount FROM orders QUALIFY rank() OVER (ORDER BY amount DESC) <= 10
####
WITH r AS (SELECT region, sum(amount) AS total FROM orders GROUP BY region) SELECT * FROM r ORDER BY total DESC
####
WITH a AS (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id), b AS (SELECT * FROM a WHERE n > 3) SELECT count(*) FROM b
####
WITH monthly AS (SELECT date_trunc('MONTH', order_ts) AS m, sum(amount) AS total FROM orders GROUP BY 1) SELECT m, total, total - lag(total) OVER (ORDER BY m) AS delta FROM monthly
####
WITH x AS (WITH y AS (SELECT order_id FROM orders) SELECT * FROM y) SELECT * FROM x
####
WITH c AS (SELECT * FROM customers) SELECT c.name, c.region FROM c
####
SELECT * FROM (SELECT region, amount FROM orders) t WHERE amount > 10
####
SELECT region FROM (SELECT region, count(*) AS n FROM orders GROUP BY region) WHERE n > 5
####
SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE region = 'EU')
####
SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.order_id)
####
SELECT * FROM orders o WHERE NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.order_id)
####
SELECT order_id, (SELECT max(amount) FROM orders) AS max_amount FROM orders
####
SELECT region FROM orders UNION SELECT region FROM customers
####
SELECT order_id FROM orders UNION ALL SELECT shipment_id FROM shipments
####
SELECT customer_id FROM orders INTERSECT SELECT customer_id FROM customers
####
SELECT customer_id FROM customers EXCEPT SELECT customer_id FROM orders
####
SELECT count_if(amount > 100), approx_count_distinct(customer_id), percentile_approx(amount, 0.5) FROM orders
####
SELECT to_date(order_ts), date_add(to_date(order_ts), 7), datediff(current_date(), to_date(order_ts)) FROM orders
####
SELECT date_format(order_ts, 'yyyy-MM'), year(order_ts), month(order_ts), dayofweek(order_ts) FROM orders
####
SELECT order_id FROM orders WHERE order_ts > current_timestamp() - INTERVAL 7 DAYS
####
SELECT order_id FROM orders WHERE order_ts BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
####
SELECT try_cast(amount AS INT), cast(amount AS DECIMAL(12, 2)) FROM orders
####
SELECT amount::double FROM orders
####
SELECT coalesce(status, 'unknown'), nvl(region, 'n/a'), ifnull(amount, 0) FROM orders
####
SELECT CASE WHEN amount > 1000 THEN 'large' WHEN amount > 100 THEN 'medium' ELSE 'small' END AS size, count(*) FROM orders GROUP BY 1
####
SELECT region, collect_list(order_id), collect_set(status) FROM orders GROUP BY region
####
SELECT array_agg(order_id) FILTER (WHERE amount > 10) FROM orders
####
SELECT transform(array(1, 2, 3), x -> x * 2)
####
SELECT filter(array(1, 2, 3), x -> x > 1), aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x)
####
SELECT explode(array(1, 2, 3)) AS n
####
SELECT * FROM explode(array('a', 'b'))
####
SELECT * FROM range(10)
####
SELECT id FROM range(0, 100, 10)
####
SELECT named_struct('id', order_id, 'amount', amount) AS s FROM orders
####
SELECT map('a', 1)['a'] AS v
####
SELECT array(1, 2, 3)[0] AS first
####
SELECT struct(order_id, amount).amount FROM orders
####
SELECT payload:device.os AS os FROM sales.marketing.events
####
SELECT get_json_object(payload, '$.device') FROM sales.marketing.events
####
SELECT from_json(payload, 'a INT') FROM sales.marketing.events
####
SELECT e.kind, count(*) FROM sales.marketing.events e GROUP BY e.kind
####
SELECT c.name, c.budget FROM marketing.campaigns c WHERE c.channel ILIKE 'social%'
####
SELECT * FROM sales.marketing.campaigns WHERE name RLIKE '^Q[1-4]'
####
SELECT * FROM sales.marketing.campaigns WHERE name LIKE ANY ('Spring%', 'Fall%')
####
SELECT c.campaign_id, count(e.event_id) AS events FROM sales.marketing.campaigns c LEFT JOIN sales.marketing.events e ON e.campaign_id = c.campaign_id GROUP BY c.campaign_id
####
SELECT month, region, amount FROM finance.reporting.revenue ORDER BY month
####
SELECT r.month, r.amount - c.amount AS margin FROM finance.reporting.revenue r JOIN finance.reporting.costs c ON r.month = c.month AND r.region = c.region
####
SELECT * FROM finance.reporting.revenue PIVOT (sum(amount) FOR region IN ('EU', 'US'))
####
SELECT region, sum(amount) FROM finance.reporting.costs GROUP BY GROUPING SETS ((region), ())
####
SELECT region, category, sum(amount) FROM finance.reporting.costs GROUP BY CUBE (region, category)
####
SELECT region, category, sum(amount) FROM finance.reporting.costs GROUP BY ROLLUP (region, category)
####
SELECT order_id FROM orders LIMIT 10 OFFSET 20
####
SELECT order_id FROM orders ORDER BY amount DESC NULLS LAST LIMIT 5
####
SELECT DISTINCT region FROM orders
####
SELECT max_by(order_id, amount), min_by(order_id, amount), any_value(region) FROM orders
####
SELECT order_id FROM orders WHERE amount IS NOT DISTINCT FROM 0
####
SELECT upper(name), lower(category), initcap(name), length(name), trim(name) FROM products
####
SELECT concat_ws('-', region, status), split(status, '_'), regexp_replace(region, '[^A-Z]', '') FROM orders
####
SELECT round(avg(price), 2), stddev(price), variance(price), corr(price, price) FROM products
####
SELECT category, median(price), percentile(price, 0.9) FROM products GROUP BY category
####
SELECT sequence(1, 5)
####
SELECT current_user(), current_catalog(), current_schema()
####
SELECT uuid(), rand() < 2
####
SELECT 1
####
SELECT 'it''s fine' AS s
####
SELECT 'a\'b' AS s
####
SELECT '; DROP TABLE orders; --' AS not_a_statement
####
SELECT order_id FROM orders WHERE status = '/* not a comment */'
####
SELECT * FROM orders -- trailing comment
WHERE region = 'EU'
####
SELECT /* inline comment */ order_id FROM orders
####
SELECT /*+ BROADCAST(p) */ o.order_id, p.name FROM orders o JOIN products p ON o.product_id = p.product_id
####
SELECT order_id FROM orders;
####
(SELECT order_id FROM orders)
####
VALUES (1, 'a'), (2, 'b')
####
SELECT a FROM VALUES (1), (2) AS v(a)
####
SELECT * FROM v_orders
####
SELECT region, total FROM v_region_sales ORDER BY total DESC
####
SELECT * FROM customers
####
SELECT c.* FROM customers c
####
SELECT o.*, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id
####
SELECT * FROM orders o JOIN customers c ON o.customer_id = c.customer_id
####
SELECT name, region FROM customers WHERE created_at > DATE '2024-01-01'
#### false-refusal: the table@v1 time-travel shorthand is not in Spark's grammar (VERSION AS OF is)
SELECT order_id FROM orders@v1
####
SHOW TABLES IN marketing
####
SHOW TABLES FROM marketing LIKE 'camp*'
#### false-refusal: SHOW FUNCTIONS lists user-defined functions the guard cannot vet
SHOW FUNCTIONS
####
DESCRIBE orders
####
DESC sales.marketing.campaigns
####
DESCRIBE `sales`.`core`.`products`
####
SHOW COLUMNS FROM orders
