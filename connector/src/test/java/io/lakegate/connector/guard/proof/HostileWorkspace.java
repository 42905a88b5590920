package io.lakegate.connector.guard.proof;

import io.lakegate.emulator.DatabricksEmulator;
import java.time.Duration;

/**
 * The demo workspace plus what a colleague with CREATE privileges can legitimately add: untagged views whose
 * definitions read SCI tables and columns (issue 12, class 4), including a view over such a view. The hostile corpus's
 * class 04-views names them.
 */
final class HostileWorkspace {

    static final String TAG_KEY = "classification";
    static final String TAG_VALUE = "SCI";

    /**
     * How SCI is learned (issue 12, classes 3 and 5 of "What to build"): with a running warehouse the connector reads
     * information_schema; warehouses auto-stop, and then only the per-object tag API answers; when that is disabled
     * too, nothing can say what is SCI and every call touching data must be refused, never answered as "untagged".
     */
    enum Mode {
        RUNNING_WAREHOUSE(false, false, true),
        WAREHOUSES_STOPPED(true, false, false),
        WAREHOUSES_STOPPED_TAG_API_DISABLED(true, true, false);

        final boolean stopWarehouses;
        final boolean disableTagApi;
        /**
         * Every statement as every user; otherwise each statement runs once, users taking turns (every user still
         * gets a third of every class). The degraded modes change how SCI is learned, not who may see what, and three
         * full passes per mode would take CI several minutes on two cores.
         */
        final boolean everyUser;

        Mode(boolean stopWarehouses, boolean disableTagApi, boolean everyUser) {
            this.stopWarehouses = stopWarehouses;
            this.disableTagApi = disableTagApi;
            this.everyUser = everyUser;
        }

        /**
         * Applied after start, with the emulator's own switches: warehouses report STOPPED (the seed says so too), and
         * the entity-tag API answers as a workspace without it does (404 ENDPOINT_NOT_FOUND).
         */
        void apply(DatabricksEmulator emulator) {
            emulator.switches().warehousesStopped(stopWarehouses).entityTagApiDisabled(disableTagApi);
            if (disableTagApi) {
                // the workspace-object tag API (Genie spaces) too
                emulator.faults().errorRate("* /api/2.0/entity-tag-assignments/*", 1.0, 404);
            }
        }
    }

    private HostileWorkspace() {}

    static SeedWorkspace seed(Mode mode) {
        SeedWorkspace seed = SeedWorkspace.bundled()
                .copy()
                .addView(
                        "sales",
                        "orders",
                        "customer_contacts",
                        "SELECT c.customer_id, c.name, c.email, p.phone, p.iban FROM sales.customers.customers c "
                                + "JOIN sales.customers.customer_pii p ON p.customer_id = c.customer_id",
                        "customer_id",
                        "bigint",
                        "name",
                        "string",
                        "email",
                        "string",
                        "phone",
                        "string",
                        "iban",
                        "string")
                .addView(
                        "finance",
                        "reporting",
                        "payroll_view",
                        "SELECT employee_id, month, gross, net FROM finance.payroll.salaries",
                        "employee_id",
                        "bigint",
                        "month",
                        "date",
                        "gross",
                        "decimal(18,2)",
                        "net",
                        "decimal(18,2)")
                .addView(
                        "marketing",
                        "campaigns",
                        "lead_emails",
                        "SELECT lead_id, email FROM marketing.campaigns.leads",
                        "lead_id",
                        "bigint",
                        "email",
                        "string")
                .addView(
                        "sales",
                        "reference",
                        "staff_directory",
                        "SELECT full_name, department, hire_date FROM hr.people.employees",
                        "full_name",
                        "string",
                        "department",
                        "string",
                        "hire_date",
                        "date")
                // named to sort after customer_contacts: the emulator creates views in name order
                .addView(
                        "sales",
                        "orders",
                        "customer_contacts_copy",
                        "SELECT customer_id, name, email, phone, iban FROM sales.orders.customer_contacts",
                        "customer_id",
                        "bigint",
                        "name",
                        "string",
                        "email",
                        "string",
                        "phone",
                        "string",
                        "iban",
                        "string");
        if (mode.stopWarehouses) {
            seed.stopAllWarehouses();
        }
        return seed;
    }

    /** A bound for one corpus pass (a hang must fail the test, not CI's budget); typical passes take well under it. */
    static final Duration CORPUS_BUDGET = Duration.ofMinutes(10);
}
