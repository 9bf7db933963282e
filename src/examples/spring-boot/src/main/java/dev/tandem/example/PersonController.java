package dev.tandem.example;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /people}, {@code POST /people} and {@code PUT /people/{id}/last-name}. */
@RestController
@RequestMapping("/people")
public class PersonController {
    private final PersonRepository people;

    public PersonController(PersonRepository people) {
        this.people = people;
    }

    @GetMapping
    public List<Person> all() {
        return people.findAll();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Person add(@RequestBody Person person) {
        return people.add(person.firstName(), person.lastName());
    }

    @PutMapping("/{id}/last-name")
    public int rename(@PathVariable long id, @RequestBody String lastName) {
        return people.rename(id, lastName);
    }
}
