package org.opencity.backend.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The demo city as data ({@code demo/kazan.json}): Kazan's seven districts with their centres
 * and real street names, the organisations serving them and what each answers for, the service
 * catalogue with its deadlines, and the demo accounts. Buildings are generated from it.
 */
record KazanData(City city, List<District> districts, List<Category> categories, List<Organisation> organisations,
                 List<Account> accounts, List<Resident> residents, int buildingsPerDistrict) {

    record City(String code, String nameEn, String nameRu, String nameTt, String timezone, double[] centre,
                List<double[]> boundary) {
    }

    record District(String code, String nameEn, String nameRu, String nameTt, double[] centre, int radiusM,
                    List<String[]> streets) {
    }

    record Category(String code, String group, String nameEn, String nameRu, String nameTt, String icon,
                    boolean emergency, boolean outdoor, String skill, Map<String, Integer> sla) {
    }

    record Organisation(String code, String kind, String nameEn, String nameRu, String phone,
                        List<Responsibility> responsibilities, String managesDistrict, List<Account> staff) {
    }

    record Responsibility(List<String> districts, List<String> categories) {
    }

    record Account(String login, String name, List<String> roles, List<String> skills, String organisation,
                   String totpSecret) {
        Account {
            skills = skills == null ? List.of() : skills;
        }
    }

    record Resident(String phone, String name, String locale) {
    }

    static KazanData load() {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = KazanData.class.getResourceAsStream("/demo/kazan.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/kazan.json is missing from the classpath");
            }
            return mapper.readValue(in, KazanData.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo/kazan.json", e);
        }
    }
}
