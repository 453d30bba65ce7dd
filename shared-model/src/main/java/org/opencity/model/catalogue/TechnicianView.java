package org.opencity.model.catalogue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A technician as a dispatcher picks one: skills (codes, for machines) and the same in the
 * reader's language ({@code skillNames}, alphabetical), and jobs in hand.
 */
public record TechnicianView(UUID id, String name, Set<String> skills, int openJobs, List<String> skillNames) {
    public TechnicianView {
        skills = Set.copyOf(skills);
        skillNames = skillNames == null ? List.of() : List.copyOf(skillNames);
    }
}
