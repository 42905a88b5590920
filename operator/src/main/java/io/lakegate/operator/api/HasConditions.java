package io.lakegate.operator.api;

import java.util.List;

/** A status carrying a metav1-style condition list. */
public interface HasConditions {
    List<Condition> getConditions();

    void setConditions(List<Condition> conditions);
}
