package org.opencity.mobile.service;

import org.junit.jupiter.api.Test;
import org.opencity.model.GeoPoint;
import org.opencity.model.catalogue.BuildingView;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Searching the buildings the phone has seen, offline. */
class BuildingMatchTest {

    private static final BuildingView BAUMANA_1 = building("ул. Баумана, 1", "Baumana St, 1");
    private static final BuildingView BAUMANA_11 = building("ул. Баумана, 11", "Baumana St, 11");

    @Test
    void wordsMatchTheStartsOfWordsInEitherLanguageAndAHouseNumberOnlyWhole() {
        assertThat(SyncedCityService.matches(BAUMANA_1, "баум 1")).isTrue();
        assertThat(SyncedCityService.matches(BAUMANA_1, "Baumana St, 1")).isTrue();
        assertThat(SyncedCityService.matches(BAUMANA_1, "ул. Баумана")).isTrue();
        assertThat(SyncedCityService.matches(BAUMANA_11, "baumana 1")).as("1 is not 11").isFalse();
        assertThat(SyncedCityService.matches(BAUMANA_1, "Пушкина 1")).isFalse();
        assertThat(SyncedCityService.matches(BAUMANA_1, "mana")).as("words are matched from their start").isFalse();
    }

    private static BuildingView building(String ru, String en) {
        return new BuildingView(UUID.randomUUID(), ru, en, "vakhitovsky", 40, 1, 10, new GeoPoint(55.78, 49.12));
    }
}
