# Legitimate queries over the emulator seed (default namespace sales.orders). Every entry must pass the guard and then
# SUCCEED on the emulator's SQL engine. Entry format as in legitimate-queries.sql.
####
SELECT * FROM orders
####
SELECT order_id, amount FROM orders WHERE amount > 100 ORDER BY amount DESC LIMIT 5
####
SELECT region, sum(amount) AS revenue FROM orders GROUP BY region ORDER BY region
####
SELECT status, count(*) AS n FROM sales.orders.orders GROUP BY status HAVING count(*) > 0
####
SELECT `order_id`, `amount` FROM `sales`.`orders`.`orders`
####
SELECT o.order_id, p.name FROM orders o JOIN sales.reference.products p ON p.product_id = o.product_id
####
SELECT p.category, sum(o.quantity) AS units FROM orders o JOIN sales.reference.products p ON p.product_id = o.product_id GROUP BY p.category
####
SELECT o.order_id, r.reason FROM orders o LEFT JOIN returns r ON r.order_id = o.order_id
####
SELECT order_id, amount, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM orders
####
SELECT order_id, sum(amount) OVER (PARTITION BY customer_id ORDER BY order_date) AS running FROM orders
####
SELECT region, amount, rank() OVER (ORDER BY amount DESC) AS r FROM orders
####
WITH r AS (SELECT region, sum(amount) AS total FROM orders GROUP BY region) SELECT * FROM r ORDER BY total DESC
####
WITH big AS (SELECT * FROM orders WHERE amount > 50), per AS (SELECT customer_id, count(*) AS n FROM big GROUP BY customer_id) SELECT count(*) FROM per
####
SELECT * FROM (SELECT region, count(*) AS n FROM orders GROUP BY region) t WHERE n > 1
####
SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM sales.customers.customer_segments)
####
SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id)
####
SELECT order_id FROM orders UNION ALL SELECT order_id FROM returns
####
SELECT DISTINCT region FROM orders
####
SELECT count(DISTINCT customer_id) FROM orders
####
SELECT CASE WHEN amount > 100 THEN 'large' ELSE 'small' END AS size, count(*) FROM orders GROUP BY CASE WHEN amount > 100 THEN 'large' ELSE 'small' END
####
SELECT coalesce(status, 'unknown') AS status FROM orders
####
SELECT order_id FROM orders ORDER BY order_id LIMIT 10 OFFSET 5
####
SELECT * FROM daily_revenue
####
SELECT * FROM sales.customers.customers
####
SELECT c.name, c.country FROM sales.customers.customers c
####
SELECT c.* FROM sales.customers.customers c
####
SELECT s.segment, count(*) FROM sales.customers.customer_segments s GROUP BY s.segment
####
SELECT * FROM sales.reference.regions
####
SELECT a.name, sum(e.amount) AS total FROM finance.ledger.journal_entries e JOIN finance.ledger.accounts a ON a.account_id = e.account_id GROUP BY a.name
####
SELECT * FROM finance.reporting.monthly_pnl ORDER BY month
####
SELECT * FROM finance.reporting.expense_by_account
####
SELECT channel, sum(budget) FROM marketing.campaigns.campaigns GROUP BY channel
####
SELECT * FROM marketing.campaigns.campaign_roi
####
SELECT * FROM marketing.campaigns.leads
####
SELECT l.lead_id, c.name FROM marketing.campaigns.leads l JOIN marketing.campaigns.campaigns c ON c.campaign_id = l.campaign_id
####
SELECT max(amount), min(amount), avg(amount) FROM orders
